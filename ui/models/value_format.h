#pragma once

#include <QString>
#include <cstdint>

namespace streamgen::ui {

/// Number texts of the tables. They use the C locale with "," as group separator so that
/// summaries read the same everywhere (and in tests); edit roles carry the plain numbers.

/// "1,000,000"
QString formatInteger(int64_t value);
/// At most `maxDecimals` decimals, trailing zeros dropped: "0.99", "1,234.5".
QString formatNumber(double value, int maxDecimals = 6);
/// The shortest text that reads back as `value`, grouped: "0.99", "999.99", "1e+300".
QString formatShortest(double value);
/// A share in [0, 1] as "40%", "33.3%".
QString formatPercent(double share);

} // namespace streamgen::ui
