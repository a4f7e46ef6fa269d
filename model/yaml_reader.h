#pragma once

#include "config.h"
#include "diagnostic.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace streamgen::detail {

/// Thrown when converting the document visits more nodes than allowed (an alias bomb).
struct NodeLimitExceeded {
    SourceLocation location;
};

/// Shared state of one conversion from a YAML tree to a Config: the diagnostics collected so far
/// and a count of the visited nodes. Aliases are counted at every use, which is what bounds the
/// work on "billion laughs" documents whose parse tree is small but whose expansion is not.
class YamlReader {
public:
    YamlReader(Diagnostics& diagnostics, std::size_t maxNodes, int maxDepth);

    /// Counts one visited node; throws NodeLimitExceeded beyond the limit.
    void visit(const YAML::Node& node);
    int maxDepth() const { return m_maxDepth; }
    std::size_t visited() const { return m_visited; }

    void error(const YAML::Node& node, const std::string& path, std::string message);
    void warning(const YAML::Node& node, const std::string& path, std::string message);

    /// Checks that `node` is a mapping; reports what was found otherwise.
    bool expectMap(const YAML::Node& node, const std::string& path, const std::string& what);
    bool expectSequence(const YAML::Node& node, const std::string& path, const std::string& what);

    /// The map's entries in file order with scalar keys. Reports non-scalar and duplicate keys
    /// (keeping the first) and warns about keys not in `known`, with a suggestion.
    std::vector<std::pair<std::string, std::pair<YAML::Node, YAML::Node>>>
    entries(const YAML::Node& map, const std::string& path, const std::vector<std::string>& known);

    std::optional<std::string> readString(const YAML::Node& node, const std::string& path);
    std::optional<double> readDouble(const YAML::Node& node, const std::string& path);
    std::optional<int64_t> readInt(const YAML::Node& node, const std::string& path,
                                   int64_t min = INT64_MIN, int64_t max = INT64_MAX);
    std::optional<uint64_t> readUnsigned(const YAML::Node& node, const std::string& path);
    std::optional<bool> readBool(const YAML::Node& node, const std::string& path);

private:
    Diagnostics& m_diagnostics;
    std::size_t m_maxNodes;
    std::size_t m_visited = 0;
    int m_maxDepth;
};

/// 1-based location of a node; unknown for nodes without a mark (created by overrides).
SourceLocation locationOf(const YAML::Node& node);
/// "a mapping", "a list", "a scalar `x`", "nothing" -- for "expected ..., found ..." messages.
std::string describe(const YAML::Node& node);
std::string joinPath(const std::string& parent, const std::string& key);

} // namespace streamgen::detail
