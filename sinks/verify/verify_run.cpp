#include "verify_run.h"

#include "sinks/sink_factory.h"
#include "sinks/sink_registry.h"

namespace streamgen {

VerifyOutcome verifyRun(Config config, const VerifyRequest& request) {
    VerifyOutcome outcome;
    if (request.options.expect.seed) {
        config.seed = *request.options.expect.seed;
    }
    const SinkConfig sink = applySinkOverrides(config.sink, request.sink);
    const SinkDescriptor* descriptor = findSink(sink.type);
    if (descriptor == nullptr || !descriptor->reader) {
        outcome.error = "the " + sink.type + " sink cannot be read back; verify reads " + [] {
            std::string names;
            for (const SinkDescriptor& each : sinkRegistry()) {
                if (each.reader) {
                    names += (names.empty() ? "" : ", ") + each.name;
                }
            }
            return names;
        }();
        outcome.badRequest = true;
        return outcome;
    }
    try {
        Verifier verifier(config, request.options);
        std::string error;
        const std::unique_ptr<RecordSource> source =
            descriptor->reader(sink, verifier.plan(), error);
        if (!source) {
            outcome.error = error;
            outcome.badRequest = true;
            return outcome;
        }
        outcome.source = source->describe();
        source->read([&verifier](const ReceivedRecord& record) { verifier.add(record); });
        outcome.result = verifier.finish();
    } catch (const VerifyRequestError& problem) {
        outcome.error = problem.what();
        outcome.badRequest = true;
    } catch (const std::exception& problem) {
        outcome.error = problem.what();
    }
    return outcome;
}

} // namespace streamgen
