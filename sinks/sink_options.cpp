#include "sink_options.h"

#include "model/secrets.h"

namespace streamgen {

std::optional<std::string> sinkOption(const OptionNode& options, const std::string& key,
                                      std::string& error) {
    const OptionNode* node = options.find(key);
    if (!node || node->kind == OptionNode::Kind::Null) {
        return std::nullopt;
    }
    if (node->kind != OptionNode::Kind::Scalar) {
        error = "sink_config." + key + ": expected a single value";
        return std::nullopt;
    }
    std::string secretError;
    auto value = resolveSecrets(node->scalar, &secretError);
    if (!value) {
        error = "sink_config." + key + ": " + secretError;
    }
    return value;
}

} // namespace streamgen
