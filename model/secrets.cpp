#include "secrets.h"

#include <cctype>
#include <cstdlib>

namespace streamgen {

namespace {

constexpr std::string_view kEnvOpen = "${";
constexpr std::string_view kSecretOpen = "{{secrets/";
constexpr std::string_view kSecretClose = "}}";

bool isEnvNameChar(char c, bool first) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalpha(u) || c == '_' || (!first && std::isdigit(u));
}

/// A reference found in a value: where it stands and which environment variable it reads.
struct Reference {
    std::size_t begin = std::string::npos;
    std::size_t end = 0;
    std::string variable;
};

std::optional<Reference> envReferenceAt(const std::string& value, std::size_t pos) {
    if (value.compare(pos, kEnvOpen.size(), kEnvOpen) != 0) {
        return std::nullopt;
    }
    std::size_t i = pos + kEnvOpen.size();
    const std::size_t nameStart = i;
    while (i < value.size() && isEnvNameChar(value[i], i == nameStart)) {
        ++i;
    }
    if (i == nameStart || i >= value.size() || value[i] != '}') {
        return std::nullopt;
    }
    return Reference{pos, i + 1, value.substr(nameStart, i - nameStart)};
}

std::optional<Reference> secretReferenceAt(const std::string& value, std::size_t pos) {
    if (value.compare(pos, kSecretOpen.size(), kSecretOpen) != 0) {
        return std::nullopt;
    }
    const std::size_t bodyStart = pos + kSecretOpen.size();
    const std::size_t close = value.find(kSecretClose, bodyStart);
    if (close == std::string::npos) {
        return std::nullopt;
    }
    const std::string body = value.substr(bodyStart, close - bodyStart);
    const std::size_t slash = body.find('/');
    if (slash == 0 || slash == std::string::npos || slash + 1 == body.size() ||
        body.find('/', slash + 1) != std::string::npos) {
        return std::nullopt;
    }
    std::string variable = "STREAMGEN_SECRET_" + body;
    for (std::size_t i = 17; i < variable.size(); ++i) {
        if (!std::isalnum(static_cast<unsigned char>(variable[i])) && variable[i] != '_') {
            variable[i] = '_';
        }
    }
    return Reference{pos, close + kSecretClose.size(), std::move(variable)};
}

std::optional<Reference> nextReference(const std::string& value, std::size_t from) {
    for (std::size_t pos = value.find_first_of("${", from); pos != std::string::npos;
         pos = value.find_first_of("${", pos + 1)) {
        if (auto ref = envReferenceAt(value, pos)) {
            return ref;
        }
        if (auto ref = secretReferenceAt(value, pos)) {
            return ref;
        }
    }
    return std::nullopt;
}

} // namespace

bool isSecretReference(const std::string& value) {
    return nextReference(value, 0).has_value();
}

std::optional<std::string> resolveSecrets(const std::string& value, std::string* error) {
    std::string out;
    std::size_t pos = 0;
    while (auto ref = nextReference(value, pos)) {
        out.append(value, pos, ref->begin - pos);
        const char* resolved = std::getenv(ref->variable.c_str());
        if (resolved == nullptr) {
            if (error != nullptr) {
                *error = "environment variable " + ref->variable + " is not set (needed by `" +
                         value.substr(ref->begin, ref->end - ref->begin) + "`)";
            }
            return std::nullopt;
        }
        out += resolved;
        pos = ref->end;
    }
    out.append(value, pos, std::string::npos);
    return out;
}

std::string maskSecret(const std::string& value) {
    if (value.empty() || isSecretReference(value)) {
        return value;
    }
    return "\u2022\u2022\u2022\u2022";
}

} // namespace streamgen
