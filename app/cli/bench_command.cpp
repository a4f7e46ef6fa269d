#include "commands.h"
#include "config_loading.h"

#include "engine/run.h"
#include "sinks/null_sink.h"

#include <algorithm>
#include <cstdio>
#include <thread>

namespace streamgen::cli {

namespace {

struct BenchResult {
    double eventsPerSecond = 0.0;
    double megabytesPerSecond = 0.0;
};

/// Generates into the null sink at full speed for `seconds`: pure generation + serialization.
BenchResult measure(const std::shared_ptr<const Plan>& plan, int threads, double seconds) {
    RunOptions options;
    options.threads = threads;
    options.durationSeconds = seconds;
    options.rate = 0.0;
    Run run(plan, std::make_unique<NullSink>(), options);
    run.start();
    run.wait();
    const RunSummary summary = run.summary();
    const double elapsed = std::max(1e-9, summary.metrics.elapsedSeconds);
    return {static_cast<double>(summary.metrics.total.generated) / elapsed,
            static_cast<double>(summary.metrics.total.bytes) / elapsed / 1e6};
}

} // namespace

int benchCommand(const BenchArgs& args) {
    // Generation only, into the null sink: the config's sink section does not matter here.
    const auto loaded = loadPlan(args.common, PreflightOptions{{}, false});
    if (!loaded) {
        return kExitBadInput;
    }
    const auto& plan = loaded->plan;
    const int maxThreads =
        args.threads > 0 ? args.threads
                         : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    std::printf("%-8s %14s %10s %10s\n", "threads", "events/s", "MB/s", "speedup");
    double single = 0.0;
    for (int threads = 1; threads <= maxThreads; ++threads) {
        const BenchResult result = measure(plan, threads, args.seconds);
        if (threads == 1) {
            single = result.eventsPerSecond;
        }
        std::printf("%-8d %14.0f %10.1f %9.2fx\n", threads, result.eventsPerSecond,
                    result.megabytesPerSecond, single > 0 ? result.eventsPerSecond / single : 0.0);
        std::fflush(stdout);
    }
    return kExitOk;
}

} // namespace streamgen::cli
