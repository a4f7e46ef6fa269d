#include "sink_registry.h"

#include "sink_descriptors.h"

#include "model/validator.h"

#include <algorithm>

namespace streamgen {

namespace {

std::string choices() {
    std::string out;
    for (const std::string& name : sinkNames()) {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

} // namespace

const std::vector<SinkDescriptor>& sinkRegistry() {
    static const std::vector<SinkDescriptor> sinks{
        nullSinkDescriptor(),
        stdoutSinkDescriptor(),
        fileSinkDescriptor(),
        kafkaSinkDescriptor(),
        eventHubsSinkDescriptor(),
        kinesisSinkDescriptor(),
        postgresSinkDescriptor(),
        deltaSinkDescriptor(),
    };
    return sinks;
}

const SinkDescriptor* findSink(std::string_view type) {
    const auto& sinks = sinkRegistry();
    const auto it = std::find_if(sinks.begin(), sinks.end(),
                                 [type](const SinkDescriptor& s) { return s.answersTo(type); });
    return it == sinks.end() ? nullptr : &*it;
}

const std::vector<std::string>& sinkNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const SinkDescriptor& sink : sinkRegistry()) {
            out.push_back(sink.name);
        }
        return out;
    }();
    return names;
}

std::string sinkTypeProblem(std::string_view type) {
    if (findSink(type) != nullptr) {
        return {};
    }
    const std::string name(type);
    std::vector<std::string> known;
    for (const SinkDescriptor& sink : sinkRegistry()) {
        known.push_back(sink.name);
        known.insert(known.end(), sink.aliases.begin(), sink.aliases.end());
    }
    const std::string suggestion = nearestName(name, known);
    return "unknown sink type `" + name + "`; " +
           (suggestion.empty() ? "expected one of " + choices()
                               : "did you mean `" + suggestion + "`?");
}

} // namespace streamgen
