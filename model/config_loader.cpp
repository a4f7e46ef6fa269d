#include "config_io.h"
#include "config_reader.h"
#include "overrides.h"
#include "text_guards.h"
#include "validator.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>

namespace streamgen {

namespace {

void addError(LoadResult& result, SourceLocation location, std::string message) {
    result.diagnostics.push_back({Diagnostic::Severity::Error, location, std::move(message), ""});
}

std::string tooLargeMessage(std::uintmax_t size, std::size_t limit) {
    return "config is too large: " + std::to_string(size) + " bytes; the limit is " +
           std::to_string(limit) + " bytes";
}

/// Parses the text, reporting syntax errors with their position.
std::optional<YAML::Node> parseYaml(const std::string& text, LoadResult& result) {
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        const SourceLocation where = e.mark.line >= 0
                                         ? SourceLocation{e.mark.line + 1, e.mark.column + 1}
                                         : SourceLocation{1, 1};
        addError(result, where, "invalid YAML: " + e.msg);
        return std::nullopt;
    }
}

bool checkRoot(const YAML::Node& root, LoadResult& result) {
    if (root.IsNull()) {
        addError(result, {1, 1}, "config is empty; expected a mapping with `event_types`");
        return false;
    }
    if (!root.IsMap()) {
        addError(result, detail::locationOf(root),
                 "expected a mapping with `event_types` at the top level, found " +
                     detail::describe(root));
        return false;
    }
    return true;
}

void convert(const YAML::Node& root, const LoadOptions& options, LoadResult& result) {
    detail::YamlReader reader(result.diagnostics, options.maxNodes, options.maxDepth);
    try {
        detail::readConfigTree(reader, root, result.config);
    } catch (const detail::NodeLimitExceeded& e) {
        addError(result, e.location.known() ? e.location : SourceLocation{1, 1},
                 "document expands to more than " + std::to_string(options.maxNodes) +
                     " nodes (aliases count at every use): too many aliases of aliases?");
        return;
    }
    // An `event_types` that could not be read is already reported; "no event types" would only
    // repeat it.
    const bool eventTypesReported =
        std::any_of(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& d) {
            return d.isError() && d.path.rfind("event_types", 0) == 0;
        });
    for (auto& diagnostic : validateConfig(result.config)) {
        if (eventTypesReported && result.config.eventTypes.empty() &&
            diagnostic.path == "event_types") {
            continue;
        }
        result.diagnostics.push_back(std::move(diagnostic));
    }
}

/// The parsed text, once the guards against hostile input let it through.
std::optional<YAML::Node> parseGuarded(const std::string& text, const LoadOptions& options,
                                       LoadResult& result) {
    if (text.size() > options.maxFileBytes) {
        addError(result, {1, 1}, tooLargeMessage(text.size(), options.maxFileBytes));
        return std::nullopt;
    }
    if (auto problem = detail::checkText(text)) {
        result.diagnostics.push_back(*problem);
        return std::nullopt;
    }
    if (auto problem = detail::checkNesting(text, options.maxDepth)) {
        result.diagnostics.push_back(*problem);
        return std::nullopt;
    }
    return parseYaml(text, result);
}

void loadText(const std::string& text, const LoadOptions& options, LoadResult& result) {
    auto root = parseGuarded(text, options, result);
    if (!root) {
        return;
    }
    bool overridesApplied = true;
    for (const auto& spec : options.overrides) {
        overridesApplied &=
            detail::applyOverride(*root, spec, options.maxDepth, result.diagnostics);
    }
    if (checkRoot(*root, result) && overridesApplied) {
        convert(*root, options, result);
    }
}

/// Unknown positions first (they concern the whole file), then in file order.
void sortDiagnostics(Diagnostics& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         return std::pair(a.location.line, a.location.column) <
                                std::pair(b.location.line, b.location.column);
                     });
}

std::optional<std::string> readFile(const std::string& path, const LoadOptions& options,
                                    LoadResult& result) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        addError(result, {}, "cannot read config: no such file");
        return std::nullopt;
    }
    if (fs::is_directory(status)) {
        addError(result, {}, "cannot read config: it is a directory, expected a YAML file");
        return std::nullopt;
    }
    if (fs::is_regular_file(status)) {
        const auto size = fs::file_size(path, ec);
        if (!ec && size > options.maxFileBytes) {
            addError(result, {1, 1}, tooLargeMessage(size, options.maxFileBytes));
            return std::nullopt;
        }
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        addError(result, {}, std::string("cannot read config: ") + std::strerror(errno));
        return std::nullopt;
    }
    // Read in chunks and stop past the limit, so that pipes and growing files are bounded too.
    std::string text;
    char chunk[65536];
    while (in && text.size() <= options.maxFileBytes) {
        in.read(chunk, sizeof chunk);
        text.append(chunk, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        addError(result, {}, "cannot read config: read error");
        return std::nullopt;
    }
    return text;
}

template <typename Body> LoadResult guarded(Body&& body) {
    LoadResult result;
    try {
        body(result);
    } catch (const std::bad_alloc&) {
        addError(result, {}, "out of memory while reading the config");
    } catch (const std::exception& e) {
        addError(result, {}, std::string("could not read the config: ") + e.what());
    }
    sortDiagnostics(result.diagnostics);
    return result;
}

/// Validates specs as the fields of a struct (or the items of an array) in an event type of
/// their own, keeping the problems that concern them.
void validateSpecs(const std::vector<FieldSpec>& specs, bool one, Diagnostics& diagnostics) {
    Config config;
    EventType type;
    type.id = "specs";
    FieldSpec holder;
    holder.name = "holder";
    holder.type = one ? FieldType::Array : FieldType::Struct;
    holder.children = specs;
    type.fields.push_back(std::move(holder));
    config.eventTypes.push_back(std::move(type));
    for (Diagnostic& diagnostic : validateConfig(config)) {
        const std::string prefix = "event_types[0].fields.holder.";
        if (diagnostic.path.rfind(prefix, 0) == 0) {
            diagnostic.path = diagnostic.path.substr(prefix.size());
            diagnostics.push_back(std::move(diagnostic));
        }
    }
}

void loadSpecs(const std::string& text, bool one, const std::string& name,
               FieldSpecsResult& result) {
    const LoadOptions options;
    LoadResult checked;
    auto root = parseGuarded(text, options, checked);
    result.diagnostics = std::move(checked.diagnostics);
    if (!root) {
        return;
    }
    detail::YamlReader reader(result.diagnostics, options.maxNodes, options.maxDepth);
    if (one) {
        detail::ColumnSpread columns;
        if (auto spec = detail::readFieldSpec(reader, name, detail::locationOf(*root), *root, *root,
                                              name, columns)) {
            result.specs.push_back(std::move(*spec));
        } else if (!hasErrors(result.diagnostics)) {
            addError(checked, {1, 1}, "expected a field spec or a type name");
            result.diagnostics.push_back(checked.diagnostics.back());
        }
    } else {
        result.specs = detail::readFields(reader, *root, "fields");
    }
    validateSpecs(result.specs, one, result.diagnostics);
}

} // namespace

FieldSpecsResult loadFieldSpecsString(const std::string& text, bool one, const std::string& name) {
    FieldSpecsResult result;
    try {
        loadSpecs(text, one, name, result);
    } catch (const detail::NodeLimitExceeded& e) {
        result.diagnostics.push_back(
            {Diagnostic::Severity::Error, e.location, "the specs expand to too many nodes", ""});
    } catch (const std::exception& e) {
        result.diagnostics.push_back({Diagnostic::Severity::Error,
                                      {1, 1},
                                      std::string("could not read the specs: ") + e.what(),
                                      ""});
    }
    sortDiagnostics(result.diagnostics);
    return result;
}

LoadResult loadConfigString(const std::string& text, const LoadOptions& options) {
    return guarded([&](LoadResult& result) { loadText(text, options, result); });
}

LoadResult loadConfigFile(const std::string& path, const LoadOptions& options) {
    return guarded([&](LoadResult& result) {
        if (auto text = readFile(path, options, result)) {
            loadText(*text, options, result);
        }
    });
}

} // namespace streamgen
