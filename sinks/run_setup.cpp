#include "run_setup.h"

#include "sink_factory.h"

#include <algorithm>

namespace streamgen {

namespace {

RunOptions runOptions(const Config& config, const RunRequest& request) {
    RunOptions options;
    options.threads = request.threads;
    const bool batch = config.generationMode == GenerationMode::Batch;
    options.count = request.count;
    if (!options.count && batch) {
        options.count = static_cast<uint64_t>(config.batchTotalRows);
    }
    options.durationSeconds = request.durationSeconds;
    options.rate = request.rate.value_or(batch ? 0.0 : config.totalRowsPerSecond);
    options.shardIndex = request.shardIndex;
    options.shardCount = std::max<uint32_t>(1, request.shardCount);
    if (options.count && options.shardCount > 1) {
        // The count is the size of the whole stream; this shard takes the k < count with
        // k % N == I.
        const uint64_t total = *options.count;
        options.count = total > options.shardIndex
                            ? (total - options.shardIndex - 1) / options.shardCount + 1
                            : 0;
    }
    return options;
}

RunSetup build(const Config& config, const RunRequest& request, PreflightResult checked) {
    RunSetup setup;
    setup.diagnostics = std::move(checked.diagnostics);
    if (!checked.ok()) {
        setup.failure = RunSetup::Failure::Config;
        return setup;
    }
    SinkCreation created = createSink(config.sink, request.sink);
    if (!created.sink) {
        const SinkConfig sink = applySinkOverrides(config.sink, request.sink);
        setup.diagnostics.push_back({Diagnostic::Severity::Error,
                                     sink.typeLocation.known() ? sink.typeLocation : sink.location,
                                     created.error, "sink_config"});
        setup.failure = RunSetup::Failure::Config;
        return setup;
    }
    setup.plan = std::move(checked.plan);
    setup.options = runOptions(config, request);
    setup.sinkName = created.sink->describe();
    for (std::size_t i = 0; i < setup.plan->typeCount(); ++i) {
        setup.targetShares.push_back(config.shareOf(i));
    }
    setup.run = std::make_unique<Run>(setup.plan, std::move(created.sink), setup.options);
    return setup;
}

} // namespace

RunReportContext RunSetup::reportContext(const SecondSeries& series) const {
    RunReportContext context;
    for (std::size_t i = 0; plan && i < plan->typeCount(); ++i) {
        context.typeIds.push_back(plan->typeId(i));
    }
    context.targetShares = targetShares;
    context.targetRate = options.rate;
    context.sink = sinkName;
    context.seed = plan ? plan->seed() : 0;
    context.series = &series;
    return context;
}

RunSetup setUpRun(const Config& config, const RunRequest& request) {
    return build(config, request, preflight(config, PreflightOptions{request.sink, true}));
}

RunSetup setUpRun(const LoadResult& loaded, const RunRequest& request) {
    return build(loaded.config, request, preflight(loaded, PreflightOptions{request.sink, true}));
}

} // namespace streamgen
