#include "postgres_settings.h"

#include "model/secrets.h"
#include "sinks/sink_options.h"

#include <cctype>
#include <libpq-fe.h>
#include <memory>
#include <regex>
#include <vector>

namespace streamgen {

namespace {

/// A value in a connection string: which key it belongs to and where it stands.
struct ValueSpan {
    std::string key;
    std::size_t begin = 0;
    std::size_t end = 0;
    bool quoted = false; ///< keyword/value form, inside '...'
};

struct ParsedConnection {
    bool uri = false;
    std::vector<ValueSpan> values;
};

/// The references (`${VAR}`, `{{secrets/scope/key}}`) in `text`, as [begin, end) ranges.
std::vector<std::pair<std::size_t, std::size_t>> referenceRanges(const std::string& text) {
    static const std::regex reference(
        R"(\$\{[A-Za-z_][A-Za-z0-9_]*\}|\{\{secrets/[^/}]+/[^/}]+\}\})");
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), reference);
         it != std::sregex_iterator(); ++it) {
        const auto begin = static_cast<std::size_t>(it->position());
        out.emplace_back(begin, begin + static_cast<std::size_t>(it->length()));
    }
    return out;
}

/// `text` with every reference replaced by as many `R`s, so that the `/` and `}` inside
/// references do not count as separators.
std::string masked(const std::string& text) {
    std::string out = text;
    for (const auto& [begin, end] : referenceRanges(text)) {
        out.replace(begin, end - begin, end - begin, 'R');
    }
    return out;
}

bool isUri(std::string_view text) {
    return text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0;
}

void parseUri(const std::string& text, ParsedConnection& out) {
    const std::size_t start = text.find("://") + 3;
    const std::size_t authorityEnd = std::min(text.find_first_of("/?", start), text.size());
    const std::size_t at = text.rfind('@', authorityEnd);
    if (at != std::string::npos && at >= start) {
        const std::size_t colon = text.find(':', start);
        if (colon != std::string::npos && colon < at) {
            out.values.push_back({"user", start, colon, false});
            out.values.push_back({"password", colon + 1, at, false});
        } else {
            out.values.push_back({"user", start, at, false});
        }
    }
    std::size_t pos = text.find('?', start);
    while (pos != std::string::npos && pos < text.size()) {
        const std::size_t keyBegin = pos + 1;
        const std::size_t next = std::min(text.find('&', keyBegin), text.size());
        const std::size_t equals = text.find('=', keyBegin);
        if (equals != std::string::npos && equals < next) {
            out.values.push_back(
                {text.substr(keyBegin, equals - keyBegin), equals + 1, next, false});
        }
        pos = next < text.size() ? next : std::string::npos;
    }
}

void parseKeywords(const std::string& text, ParsedConnection& out) {
    std::size_t pos = 0;
    const auto skipSpaces = [&] {
        while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) {
            ++pos;
        }
    };
    while (true) {
        skipSpaces();
        const std::size_t keyBegin = pos;
        while (pos < text.size() && text[pos] != '=' &&
               !std::isspace(static_cast<unsigned char>(text[pos]))) {
            ++pos;
        }
        const std::string key = text.substr(keyBegin, pos - keyBegin);
        skipSpaces();
        if (key.empty() || pos >= text.size() || text[pos] != '=') {
            return;
        }
        ++pos;
        skipSpaces();
        ValueSpan span{key, pos, pos, false};
        if (pos < text.size() && text[pos] == '\'') {
            span.quoted = true;
            span.begin = ++pos;
            while (pos < text.size() && text[pos] != '\'') {
                pos += text[pos] == '\\' ? 2 : 1;
            }
            span.end = std::min(pos, text.size());
            ++pos;
        } else {
            while (pos < text.size() && !std::isspace(static_cast<unsigned char>(text[pos]))) {
                pos += text[pos] == '\\' ? 2 : 1;
            }
            span.end = std::min(pos, text.size());
        }
        out.values.push_back(span);
    }
}

ParsedConnection parseConnection(const std::string& text) {
    ParsedConnection out;
    const std::string shape = masked(text);
    out.uri = isUri(shape);
    if (out.uri) {
        parseUri(shape, out);
    } else {
        parseKeywords(shape, out);
    }
    return out;
}

std::string percentEncoded(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(c);
        } else {
            static const char* digits = "0123456789ABCDEF";
            out += {'%', digits[u >> 4], digits[u & 0xF]};
        }
    }
    return out;
}

/// A resolved value as the keyword/value syntax needs it inside '...'.
std::string quotedValue(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '\'' || c == '\\') {
            out.push_back('\\');
        }
        out.push_back(c);
    }
    return out;
}

/// The connection string with its references replaced by their values, each written so that it
/// stays one value whatever characters it holds: percent-encoded in a URI, quoted and escaped
/// in keyword/value form.
std::optional<std::string> resolveConnection(const std::string& text, std::string& error) {
    const ParsedConnection parsed = parseConnection(text);
    std::string out;
    const auto resolve = [&](std::size_t begin, std::size_t end) {
        std::string secretError;
        auto value = resolveSecrets(text.substr(begin, end - begin), &secretError);
        if (!value) {
            error = std::string("sink_config.") + postgres_option::kConnection + ": " + secretError;
        }
        return value;
    };
    std::size_t pos = 0;
    for (const ValueSpan& span : parsed.values) {
        // Text outside values (a host name, say) is resolved as it is.
        const auto before = resolve(pos, span.begin);
        const auto value = before ? resolve(span.begin, span.end) : std::nullopt;
        if (!value) {
            return std::nullopt;
        }
        out += *before;
        if (*value == text.substr(span.begin, span.end - span.begin)) {
            out += *value;
        } else if (parsed.uri) {
            out += percentEncoded(*value);
        } else if (span.quoted) {
            out += quotedValue(*value);
        } else {
            out.push_back('\'');
            out += quotedValue(*value);
            out.push_back('\'');
        }
        pos = span.end;
    }
    const auto rest = resolve(pos, text.size());
    if (!rest) {
        return std::nullopt;
    }
    return out + *rest;
}

/// `user@host:port/dbname` from the parts the connection string gives.
std::string describeTarget(const std::string& connection) {
    char* parseError = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfoParse(connection.c_str(), &parseError), &PQconninfoFree);
    PQfreemem(parseError);
    std::string user;
    std::string host;
    std::string port;
    std::string dbname;
    for (PQconninfoOption* o = options.get(); o != nullptr && o->keyword != nullptr; ++o) {
        const std::string key = o->keyword;
        const std::string value = o->val != nullptr ? o->val : "";
        if (key == "user") {
            user = value;
        } else if (key == "host" || (key == "hostaddr" && host.empty())) {
            host = value;
        } else if (key == "port") {
            port = value;
        } else if (key == "dbname") {
            dbname = value;
        }
    }
    std::string out = user.empty() ? "" : user + "@";
    out += host.empty() ? "localhost" : host;
    out += port.empty() ? "" : ":" + port;
    out += dbname.empty() ? "" : "/" + dbname;
    return out;
}

bool readInteger(const OptionNode& options, const char* key, int64_t minimum, int64_t& out,
                 std::string& error) {
    const auto text = sinkOption(options, key, error);
    if (!text) {
        return error.empty();
    }
    const auto number = parseInteger(*text);
    if (!number || *number < minimum) {
        error = std::string("sink_config.") + key +
                ": expected a whole number >= " + std::to_string(minimum) + ", got `" + *text + "`";
        return false;
    }
    out = *number;
    return true;
}

} // namespace

bool readPostgresSettings(const SinkConfig& config, PostgresSettings& settings,
                          std::string& error) {
    namespace o = postgres_option;
    const OptionNode& options = config.options;
    const OptionNode* connection = options.find(o::kConnection);
    if (connection != nullptr && connection->kind == OptionNode::Kind::Scalar) {
        const auto resolved = resolveConnection(connection->scalar, error);
        if (!resolved) {
            return false;
        }
        settings.connection = *resolved;
    }
    settings.password = sinkOption(options, o::kPassword, error).value_or("");
    settings.schema = sinkOption(options, o::kSchema, error).value_or(settings.schema);
    const std::string layout = sinkOption(options, o::kLayout, error).value_or("table_per_type");
    settings.layout = layout == "jsonb" ? PostgresLayout::Jsonb : PostgresLayout::TablePerType;
    settings.tablePrefix = sinkOption(options, o::kTablePrefix, error).value_or("");
    settings.table = sinkOption(options, o::kTable, error).value_or(settings.table);
    settings.createTable =
        parseBoolean(sinkOption(options, o::kCreateTable, error).value_or("true")).value_or(true);
    settings.progressTable =
        sinkOption(options, o::kProgressTable, error).value_or(settings.progressTable);
    if (!error.empty() || !readInteger(options, o::kBatchRows, 1, settings.batchRows, error) ||
        !readInteger(options, o::kCommitInterval, 0, settings.commitIntervalMs, error) ||
        !readInteger(options, o::kReconnectTimeout, 0, settings.reconnectTimeoutMs, error)) {
        return false;
    }
    settings.target = describeTarget(settings.connection);
    return true;
}

bool isPlainIdentifier(std::string_view name) {
    if (name.empty() || name.size() > kMostIdentifierBytes ||
        std::isdigit(static_cast<unsigned char>(name.front()))) {
        return false;
    }
    for (const char c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
            return false;
        }
    }
    return true;
}

std::string quoteIdentifier(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) {
        out += c == '"' ? "\"\"" : std::string(1, c);
    }
    return out + "\"";
}

std::string qualifiedName(std::string_view schema, std::string_view table) {
    return quoteIdentifier(schema) + "." + quoteIdentifier(table);
}

std::string tableNameFor(std::string_view prefix, std::string_view eventTypeId) {
    std::string name(prefix);
    for (const char c : eventTypeId) {
        const auto u = static_cast<unsigned char>(c);
        name.push_back(std::isalnum(u) && u < 0x80 ? static_cast<char>(std::tolower(u)) : '_');
    }
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) {
        name.insert(name.begin(), '_');
    }
    return name;
}

std::optional<std::size_t> literalPasswordOffset(std::string_view connection) {
    const std::string text(connection);
    const ParsedConnection parsed = parseConnection(text);
    const auto ranges = referenceRanges(text);
    for (const ValueSpan& span : parsed.values) {
        if (span.key != "password" || span.begin == span.end) {
            continue;
        }
        // Only references: any character outside them is (part of) a password in clear.
        std::size_t covered = span.begin;
        for (const auto& [begin, end] : ranges) {
            if (begin == covered && end <= span.end) {
                covered = end;
            }
        }
        if (covered != span.end) {
            return span.begin;
        }
    }
    return std::nullopt;
}

} // namespace streamgen
