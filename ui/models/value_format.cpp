#include "value_format.h"

#include <QLocale>
#include <cmath>

namespace streamgen::ui {

namespace {

const QLocale& groupingLocale() {
    static const QLocale locale = [] {
        QLocale c = QLocale::c();
        c.setNumberOptions(QLocale::DefaultNumberOptions);
        return c;
    }();
    return locale;
}

QString dropTrailingZeros(QString text) {
    if (text.contains('.') && !text.contains('e')) {
        while (text.endsWith('0')) {
            text.chop(1);
        }
        if (text.endsWith('.')) {
            text.chop(1);
        }
    }
    return text;
}

} // namespace

QString formatInteger(int64_t value) {
    return groupingLocale().toString(static_cast<qlonglong>(value));
}

QString formatNumber(double value, int maxDecimals) {
    if (!std::isfinite(value)) {
        return QString::number(value);
    }
    if (std::abs(value) >= 1e15) {
        return QString::number(value, 'g', 6);
    }
    return dropTrailingZeros(groupingLocale().toString(value, 'f', maxDecimals));
}

QString formatShortest(double value) {
    if (!std::isfinite(value) || std::abs(value) >= 1e15 ||
        (value != 0.0 && std::abs(value) < 1e-6)) {
        return QString::number(value, 'g', QLocale::FloatingPointShortest);
    }
    return groupingLocale().toString(value, 'f', QLocale::FloatingPointShortest);
}

QString formatPercent(double share) {
    return formatNumber(share * 100.0, 1) + '%';
}

} // namespace streamgen::ui
