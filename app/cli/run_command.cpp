#include "commands.h"
#include "config_loading.h"
#include "progress_printer.h"

#include "engine/run.h"
#include "engine/run_report.h"
#include "model/diagnostic.h"
#include "sinks/sink_factory.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <charconv>
#include <csignal>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace streamgen::cli {

namespace {

volatile std::sig_atomic_t g_stopSignals = 0;

// The first Ctrl-C stops generation and flushes; a second one gives up on the flush.
extern "C" void onStopSignal(int) {
    if (g_stopSignals > 0) {
        std::_Exit(130);
    }
    g_stopSignals = 1;
}

bool parseShard(const std::string& text, uint32_t& index, uint32_t& count) {
    const auto slash = text.find('/');
    if (slash == std::string::npos) {
        return false;
    }
    const char* begin = text.data();
    const auto [p1, e1] = std::from_chars(begin, begin + slash, index);
    const auto [p2, e2] = std::from_chars(begin + slash + 1, begin + text.size(), count);
    return e1 == std::errc() && e2 == std::errc() && p1 == begin + slash &&
           p2 == begin + text.size() && count > 0 && index < count;
}

/// Turns the config and the command line into run options; returns false on bad arguments.
bool makeRunOptions(const RunArgs& args, const Config& config, RunOptions& options) {
    options.threads = args.threads;
    if (args.threads < 1 || args.threads > 256) {
        std::cerr << "streamgen: --threads must be between 1 and 256\n";
        return false;
    }
    const bool batch = config.generationMode == GenerationMode::Batch;
    options.count = args.count;
    if (!options.count && batch) {
        options.count = static_cast<uint64_t>(config.batchTotalRows);
    }
    options.durationSeconds = args.duration;
    if (args.duration && !(*args.duration > 0.0)) {
        std::cerr << "streamgen: --duration must be positive\n";
        return false;
    }
    options.rate = args.rate.value_or(batch ? 0.0 : config.totalRowsPerSecond);
    if (!(options.rate >= 0.0)) {
        std::cerr << "streamgen: --rate must be 0 (unlimited) or positive\n";
        return false;
    }
    if (args.shard && !parseShard(*args.shard, options.shardIndex, options.shardCount)) {
        std::cerr << "streamgen: --shard expects I/N with 0 <= I < N, e.g. 0/4\n";
        return false;
    }
    if (options.count && options.shardCount > 1) {
        // --count is the size of the whole stream; this shard takes the k < count with
        // k % N == I.
        const uint64_t total = *options.count;
        options.count =
            total > options.shardIndex ? (total - options.shardIndex - 1) / options.shardCount + 1 : 0;
    }
    return true;
}

std::string checkReportPath(const std::string& path) {
    const bool existed = ::access(path.c_str(), F_OK) == 0;
    std::FILE* file = std::fopen(path.c_str(), "a");
    if (!file) {
        return "cannot write report " + path + ": " + std::strerror(errno);
    }
    std::fclose(file);
    if (!existed) {
        std::remove(path.c_str()); // a run that fails to start leaves no empty report behind
    }
    return {};
}

RunReportContext reportContext(const Config& config, const Plan& plan, const RunOptions& options,
                               std::string sinkName, const SecondSeries& series) {
    RunReportContext context;
    for (std::size_t i = 0; i < plan.typeCount(); ++i) {
        context.typeIds.push_back(plan.typeId(i));
        context.targetShares.push_back(config.shareOf(i));
    }
    context.targetRate = options.rate;
    context.sink = std::move(sinkName);
    context.series = &series;
    return context;
}

/// Samples the run once a second (on absolute deadlines, so the per-second series does not drift)
/// until it ends, printing progress and passing Ctrl-C on as a graceful stop.
void superviseRun(Run& run, SecondSeries& series, ProgressPrinter* progress) {
    auto next = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    bool stopRequested = false;
    // Wake at each second's deadline (or every 20 ms to notice Ctrl-C), so the samples of the
    // per-second series are not late.
    const auto untilNext = [&next] {
        const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(
            next - std::chrono::steady_clock::now());
        return std::clamp(remaining, std::chrono::milliseconds(0), std::chrono::milliseconds(20));
    };
    while (!run.wait(untilNext())) {
        if (!stopRequested && g_stopSignals > 0) {
            std::cerr << "streamgen: stopping, flushing the sink...\n";
            run.requestStop();
            stopRequested = true;
        }
        for (const std::string& warning : run.takeSinkWarnings()) {
            std::cerr << "streamgen: sink: " << warning << '\n';
        }
        if (std::chrono::steady_clock::now() >= next) {
            next += std::chrono::seconds(1);
            const MetricsSnapshot snapshot = run.snapshot();
            series.add(snapshot);
            if (progress) {
                progress->print(snapshot);
            }
        }
    }
}

} // namespace

int runCommand(const RunArgs& args) {
    const auto loaded = loadPlan(args.common);
    if (!loaded) {
        return kExitBadInput;
    }
    const Config* const config = &loaded->config;
    const auto& plan = loaded->plan;
    RunOptions options;
    if (!makeRunOptions(args, *config, options)) {
        return kExitBadInput;
    }
    SinkCreation created = createSink(config->sink, SinkOverrides{args.sink, args.out});
    if (!created.sink) {
        Diagnostic diagnostic;
        diagnostic.message = created.error;
        if (!args.sink) {
            diagnostic.location = config->sink.typeLocation;
        }
        std::cerr << diagnostic.format(args.common.config) << '\n';
        return kExitBadInput;
    }
    const std::string sinkName = created.sink->describe();

    if (args.report) {
        // Find an unwritable report path now, not after a run of hours.
        const std::string error = checkReportPath(*args.report);
        if (!error.empty()) {
            std::cerr << "streamgen: " << error << '\n';
            return kExitBadInput;
        }
    }

    Run run(plan, std::move(created.sink), options);
    // A reader of stderr or stdout that goes away must not kill the run before it reports.
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    try {
        run.start();
    } catch (const std::exception& error) {
        std::cerr << "streamgen: " << error.what() << '\n';
        return kExitRunFailed;
    }

    SecondSeries series(plan->typeCount());
    std::optional<ProgressPrinter> progress;
    if (args.progress || ::isatty(STDERR_FILENO)) {
        progress.emplace(*plan, *config, options.rate, std::cerr);
    }
    superviseRun(run, series, progress ? &*progress : nullptr);

    const RunSummary summary = run.summary();
    series.add(summary.metrics); // the last, partial second, so the series sums to the totals
    const RunReportContext context = reportContext(*config, *plan, options, sinkName, series);
    printSummary(summary, std::cerr);
    if (args.report) {
        const std::string error = writeRunReport(*args.report, summary, context);
        if (!error.empty()) {
            std::cerr << "streamgen: " << error << '\n';
            return kExitRunFailed;
        }
    }
    return summary.failed() ? kExitRunFailed : kExitOk;
}

} // namespace streamgen::cli
