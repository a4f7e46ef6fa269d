#include "sink_check.h"

#include "model/secrets.h"
#include "model/validator.h"
#include "sink_factory.h"
#include "sink_options.h"
#include "sink_registry.h"

#include <algorithm>

namespace streamgen {

namespace {

std::string quoted(const std::string& text) {
    return "`" + text + "`";
}

std::string listed(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

std::string scalarProblem(const SinkOption& option, const std::string& text) {
    switch (option.type) {
    case OptionType::Integer:
        return parseInteger(text) ? "" : "expected an integer, got " + quoted(text);
    case OptionType::Number:
        return parseNumber(text) ? "" : "expected a number, got " + quoted(text);
    case OptionType::Boolean:
        return parseBoolean(text) ? "" : "expected true or false, got " + quoted(text);
    default:
        break;
    }
    if (option.choices.empty() ||
        std::find(option.choices.begin(), option.choices.end(), text) != option.choices.end()) {
        return "";
    }
    const std::string suggestion = nearestName(text, option.choices);
    return "expected one of " + listed(option.choices) + ", got " + quoted(text) +
           (suggestion.empty() ? "" : " (did you mean " + quoted(suggestion) + "?)");
}

/// The problem with a set option's value, or "".
std::string valueProblem(const SinkOption& option, const OptionNode& node) {
    if (option.type == OptionType::Map) {
        return node.kind == OptionNode::Kind::Map ? "" : "expected a mapping of names to values";
    }
    if (option.type == OptionType::List) {
        return node.kind == OptionNode::Kind::List ? "" : "expected a list";
    }
    if (node.kind != OptionNode::Kind::Scalar) {
        return std::string("expected a single ") + optionTypeName(option.type) + " value";
    }
    if (isSecretReference(node.scalar)) {
        // Whether the reference resolves is known now; its value is read again, and only
        // used, when the sink starts.
        std::string error;
        return resolveSecrets(node.scalar, &error) ? "" : error;
    }
    return scalarProblem(option, node.scalar);
}

void checkDeclared(SinkCheck& check, const SinkDescriptor& sink) {
    for (const SinkOption& option : sink.options) {
        const OptionNode* node = check.option(option.name);
        if (node == nullptr) {
            if (option.required) {
                check.error(option.name, "sink_config." + option.name + " is required by the " +
                                             sink.name + " sink: " + option.help);
            }
            continue;
        }
        if (option.secret && node->kind == OptionNode::Kind::Scalar &&
            !isSecretReference(node->scalar)) {
            check.error(option.name, secretInClearMessage(option.name));
        } else if (const std::string problem = valueProblem(option, *node); !problem.empty()) {
            check.error(option.name, "sink_config." + option.name + ": " + problem);
        }
    }
}

void warnUndeclared(SinkCheck& check, const SinkDescriptor& sink) {
    std::vector<std::string> declared;
    for (const SinkOption& option : sink.options) {
        declared.push_back(option.name);
    }
    for (const auto& [key, node] : check.sink().options.entries) {
        if (sink.option(key) != nullptr) {
            continue;
        }
        const std::string suggestion = nearestName(key, declared);
        check.warning(
            key, "unknown option " + quoted(key) + " of the " + sink.name + " sink is ignored" +
                     (suggestion.empty() ? "" : "; did you mean " + quoted(suggestion) + "?"));
    }
}

} // namespace

std::string secretInClearMessage(const std::string& path) {
    // The value is not repeated: it may be the very secret that must not be written down.
    return "sink_config." + path +
           " holds a secret: write a reference such as ${ENV_VAR} or "
           "{{secrets/scope/key}}, never the value itself";
}

SinkCheck::SinkCheck(const Config& config, const SinkConfig& sink, Diagnostics& out)
    : m_config(config), m_sink(sink), m_out(out) {}

const OptionNode* SinkCheck::option(std::string_view name) const {
    const OptionNode* node = m_sink.options.find(std::string(name));
    return node != nullptr && node->kind != OptionNode::Kind::Null ? node : nullptr;
}

std::optional<std::string> SinkCheck::literal(std::string_view name) const {
    const OptionNode* node = option(name);
    if (node == nullptr || node->kind != OptionNode::Kind::Scalar ||
        isSecretReference(node->scalar)) {
        return std::nullopt;
    }
    return node->scalar;
}

SourceLocation SinkCheck::locate(const OptionNode* node) const {
    if (node != nullptr && node->location.known()) {
        return node->location;
    }
    return m_sink.typeLocation.known() ? m_sink.typeLocation : m_sink.location;
}

void SinkCheck::error(std::string_view name, std::string message) {
    const OptionNode* node = m_sink.options.find(std::string(name));
    report(Diagnostic::Severity::Error, node ? *node : OptionNode{},
           "sink_config." + std::string(name), std::move(message));
}

void SinkCheck::warning(std::string_view name, std::string message) {
    const OptionNode* node = m_sink.options.find(std::string(name));
    report(Diagnostic::Severity::Warning, node ? *node : OptionNode{},
           "sink_config." + std::string(name), std::move(message));
}

void SinkCheck::report(Diagnostic::Severity severity, const OptionNode& node, std::string path,
                       std::string message) {
    m_out.push_back({severity, locate(&node), std::move(message), std::move(path)});
}

void checkSink(const Config& config, const SinkOverrides& overrides, Diagnostics& out) {
    const SinkConfig sink = applySinkOverrides(config.sink, overrides);
    if (sink.type.empty()) {
        return; // validation already asks for a type
    }
    const SinkDescriptor* descriptor = findSink(sink.type);
    if (descriptor == nullptr) {
        out.push_back({Diagnostic::Severity::Error,
                       sink.typeLocation.known() ? sink.typeLocation : sink.location,
                       sinkTypeProblem(sink.type), "sink_config.type"});
        return;
    }
    SinkCheck check(config, sink, out);
    checkDeclared(check, *descriptor);
    if (!overrides.type) {
        warnUndeclared(check, *descriptor);
    }
    if (overrides.directory && descriptor->option(kFolderOption) == nullptr) {
        out.push_back({Diagnostic::Severity::Warning,
                       {},
                       "--out is ignored: the " + descriptor->name + " sink writes no folder",
                       ""});
    }
    if (descriptor->check) {
        descriptor->check(check);
    }
}

void checkNonNegative(SinkCheck& check, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        const auto text = check.literal(name);
        const auto value = text ? parseNumber(*text) : std::nullopt;
        if (value && *value < 0.0) {
            check.error(name, std::string("sink_config.") + name + " must be >= 0, got " + *text);
        }
    }
}

void checkKeyField(SinkCheck& check, const char* option, const char* consequence) {
    const auto key = check.literal(option);
    if (!key || key->empty()) {
        return;
    }
    const Config& config = check.config();
    std::vector<std::string> names;
    for (const FieldSpec& field : config.commonFields) {
        names.push_back(field.name);
    }
    for (const EventType& type : config.eventTypes) {
        for (const FieldSpec& field : type.fields) {
            names.push_back(field.name);
        }
    }
    if (std::find(names.begin(), names.end(), *key) != names.end()) {
        return;
    }
    const std::string suggestion = nearestName(*key, names);
    check.warning(option, std::string("sink_config.") + option + ": no event type has a field `" +
                              *key + "`, so " + consequence +
                              (suggestion.empty() ? "" : "; did you mean `" + suggestion + "`?"));
}

} // namespace streamgen
