#include "roles.h"

#include <array>

namespace streamgen::ui {

QColor typeColor(int typeIndex) {
    static constexpr std::array<QRgb, 10> kPalette{0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728,
                                                   0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f,
                                                   0xbcbd22, 0x17becf};
    if (typeIndex < 0) {
        return QColor(Qt::gray);
    }
    if (typeIndex < static_cast<int>(kPalette.size())) {
        return QColor(kPalette[static_cast<std::size_t>(typeIndex)]);
    }
    // The golden angle spreads consecutive indices far apart on the hue circle.
    const int hue = static_cast<int>((static_cast<long long>(typeIndex) * 137) % 360);
    const int value = 150 + 40 * (typeIndex % 3);
    return QColor::fromHsv(hue, 170, value);
}

QColor problemBackground() {
    return QColor(255, 205, 205);
}

QColor commonFieldBackground() {
    return QColor(226, 234, 244);
}

} // namespace streamgen::ui
