#include "json_writer.h"

namespace streamgen::json {

namespace {

char* writeTwo(char* out, unsigned value) {
    out[0] = static_cast<char>('0' + value / 10);
    out[1] = static_cast<char>('0' + value % 10);
    return out + 2;
}

char* writeYear(char* out, int64_t year) {
    if (year < 0 || year > 9999) {
        return std::to_chars(out, out + 20, year).ptr;
    }
    const auto y = static_cast<unsigned>(year);
    out = writeTwo(out, y / 100);
    return writeTwo(out, y % 100);
}

bool needsEscape(char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
}

void appendEscaped(std::string& out, char c) {
    static constexpr char kHex[] = "0123456789abcdef";
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
    case '"':
        out += "\\\"";
        break;
    case '\\':
        out += "\\\\";
        break;
    case '\b':
        out += "\\b";
        break;
    case '\f':
        out += "\\f";
        break;
    case '\n':
        out += "\\n";
        break;
    case '\r':
        out += "\\r";
        break;
    case '\t':
        out += "\\t";
        break;
    default:
        out += "\\u00";
        out.push_back(kHex[byte >> 4]);
        out.push_back(kHex[byte & 0xF]);
        break;
    }
}

} // namespace

void appendQuoted(std::string& out, std::string_view text) {
    out.push_back('"');
    // Runs without anything to escape, the whole text mostly, go in one append.
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (needsEscape(text[i])) {
            out.append(text.data() + run, i - run);
            appendEscaped(out, text[i]);
            run = i + 1;
        }
    }
    out.append(text.data() + run, text.size() - run);
    out.push_back('"');
}

std::string quote(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    appendQuoted(out, text);
    return out;
}

char* writeDate(char* out, int64_t days) {
    const CivilDate date = civilFromDays(days);
    out = writeYear(out, date.year);
    *out++ = '-';
    out = writeTwo(out, date.month);
    *out++ = '-';
    return writeTwo(out, date.day);
}

char* writeDateTime(char* out, int64_t epochSeconds) {
    const int64_t days = floorDiv(epochSeconds, 86400);
    const auto secondOfDay = static_cast<unsigned>(floorMod(epochSeconds, 86400));
    out = writeDate(out, days);
    *out++ = 'T';
    out = writeTwo(out, secondOfDay / 3600);
    *out++ = ':';
    out = writeTwo(out, secondOfDay / 60 % 60);
    *out++ = ':';
    return writeTwo(out, secondOfDay % 60);
}

char* writeMillis(char* out, unsigned millis) {
    out[0] = '.';
    out[1] = static_cast<char>('0' + millis / 100);
    out[2] = static_cast<char>('0' + millis / 10 % 10);
    out[3] = static_cast<char>('0' + millis % 10);
    out[4] = 'Z';
    return out + 5;
}

void appendTimestamp(std::string& out, int64_t epochMs) {
    char buffer[48];
    buffer[0] = '"';
    char* end = writeDateTime(buffer + 1, floorDiv(epochMs, 1000));
    end = writeMillis(end, static_cast<unsigned>(floorMod(epochMs, 1000)));
    *end++ = '"';
    appendSpan(out, buffer, end);
}

void appendDate(std::string& out, int64_t days) {
    char buffer[32];
    buffer[0] = '"';
    char* end = writeDate(buffer + 1, days);
    *end++ = '"';
    appendSpan(out, buffer, end);
}

} // namespace streamgen::json
