#include "text_guards.h"

#include <vector>

// These scans run before yaml-cpp sees the text: its parser recurses once per nesting level and
// accepts any bytes, so very deep or binary input must be turned away by a cheap linear pass.
// They are deliberately approximate (they do not parse YAML); the parser and the converter
// remain the authority and catch whatever slips through.

namespace streamgen::detail {

namespace {

/// Length of the valid UTF-8 sequence starting at `p`, or 0 when it is invalid.
std::size_t utf8SequenceLength(std::string_view text, std::size_t p) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(p);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead < 0x80) {
        return lead == 0 ? 0 : 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (p + length > text.size() || byte(p + 1) < low || byte(p + 1) > high) {
        return 0;
    }
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(p + i) < 0x80 || byte(p + i) > 0xBF) {
            return 0;
        }
    }
    return length;
}

Diagnostic errorAt(int line, int column, std::string message) {
    return {Diagnostic::Severity::Error, {line, column}, std::move(message), ""};
}

bool startsToken(std::string_view line, std::size_t i) {
    if (i == 0) {
        return true;
    }
    const char before = line[i - 1];
    return before == ' ' || before == '\t' || before == '[' || before == '{' || before == ',';
}

/// Walks the document line by line, keeping the indentation columns of the open block
/// collections and the depth of open flow brackets.
class NestingScanner {
public:
    explicit NestingScanner(int maxDepth) : m_maxDepth(maxDepth) {}

    std::optional<Diagnostic> scanLine(std::string_view line, int lineNumber) {
        m_line = lineNumber;
        std::size_t col = 0;
        if (m_quote == 0 && m_flowDepth == 0) {
            while (col < line.size() && line[col] == ' ') {
                ++col;
            }
            if (col == line.size() || line[col] == '#') {
                return std::nullopt;
            }
            if (m_blockScalarIndent >= 0 && static_cast<int>(col) > m_blockScalarIndent) {
                return std::nullopt;
            }
            m_blockScalarIndent = -1;
            if (auto error = scanIndentation(line, col, col)) {
                return error;
            }
        }
        return scanFlow(line, col);
    }

private:
    std::optional<Diagnostic> push(std::size_t column) {
        const int col = static_cast<int>(column);
        while (!m_indents.empty() && m_indents.back() >= col) {
            m_indents.pop_back();
        }
        m_indents.push_back(col);
        return checkDepth(column);
    }

    std::optional<Diagnostic> checkDepth(std::size_t column) const {
        if (static_cast<int>(m_indents.size()) + m_flowDepth > m_maxDepth) {
            return errorAt(m_line, static_cast<int>(column) + 1,
                           "nesting deeper than " + std::to_string(m_maxDepth) + " levels");
        }
        return std::nullopt;
    }

    std::optional<Diagnostic> scanIndentation(std::string_view line, std::size_t indent,
                                              std::size_t& col) {
        m_lineIndent = static_cast<int>(indent);
        while (col < line.size() && line[col] == '-' &&
               (col + 1 == line.size() || line[col + 1] == ' ')) {
            if (auto error = push(col)) {
                return error;
            }
            ++col;
            while (col < line.size() && line[col] == ' ') {
                ++col;
            }
        }
        if (col < line.size() && line[col] != '#') {
            return push(col);
        }
        return std::nullopt;
    }

    std::optional<Diagnostic> scanFlow(std::string_view line, std::size_t col) {
        char last = 0;
        for (std::size_t i = col; i < line.size(); ++i) {
            const char c = line[i];
            if (m_quote != 0) {
                skipQuoted(line, i);
                continue;
            }
            if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
                break;
            }
            if ((c == '"' || c == '\'') && startsToken(line, i)) {
                m_quote = c;
            } else if ((c == '[' || c == '{') && (m_flowDepth > 0 || startsToken(line, i))) {
                ++m_flowDepth;
                if (auto error = checkDepth(i)) {
                    return error;
                }
            } else if ((c == ']' || c == '}') && m_flowDepth > 0) {
                --m_flowDepth;
            }
            if (c != ' ' && c != '\t') {
                last = c;
            }
        }
        noteBlockScalar(line, last);
        return std::nullopt;
    }

    void skipQuoted(std::string_view line, std::size_t& i) {
        const char c = line[i];
        if (m_quote == '"' && c == '\\') {
            ++i;
        } else if (c == m_quote) {
            if (m_quote == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
                ++i;
            } else {
                m_quote = 0;
            }
        }
    }

    /// A line ending in `|` or `>` (with optional indicators) starts a block scalar whose
    /// more-indented lines are text, not structure.
    void noteBlockScalar(std::string_view line, char last) {
        if (m_quote != 0 || m_flowDepth != 0) {
            return;
        }
        std::size_t end = line.find(" #");
        end = end == std::string_view::npos ? line.size() : end;
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '+' || line[end - 1] == '-' ||
                           (line[end - 1] >= '0' && line[end - 1] <= '9'))) {
            --end;
        }
        if (last != 0 && end > 0 && (line[end - 1] == '|' || line[end - 1] == '>')) {
            m_blockScalarIndent = m_lineIndent;
        }
    }

    int m_maxDepth;
    int m_line = 0;
    int m_lineIndent = 0;
    int m_flowDepth = 0;
    int m_blockScalarIndent = -1;
    char m_quote = 0;
    std::vector<int> m_indents;
};

} // namespace

std::optional<Diagnostic> checkText(std::string_view text) {
    int line = 1;
    std::size_t lineStart = 0;
    for (std::size_t p = 0; p < text.size();) {
        const std::size_t length = utf8SequenceLength(text, p);
        if (length == 0) {
            const int column = static_cast<int>(p - lineStart) + 1;
            return errorAt(line, column,
                           "not a text file: binary data at " + std::to_string(line) + ":" +
                               std::to_string(column) +
                               (text[p] == '\0' ? " (a NUL byte)" : " (invalid UTF-8)"));
        }
        if (text[p] == '\n') {
            ++line;
            lineStart = p + 1;
        }
        p += length;
    }
    return std::nullopt;
}

std::optional<Diagnostic> checkNesting(std::string_view text, int maxDepth) {
    NestingScanner scanner(maxDepth);
    int lineNumber = 0;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end;
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (auto error = scanner.scanLine(line, ++lineNumber)) {
            return error;
        }
        start = end + 1;
    }
    return std::nullopt;
}

} // namespace streamgen::detail
