#include "commands.h"
#include "config_loading.h"
#include "engine/run_report.h"
#include "progress_printer.h"
#include "sinks/run_setup.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

} // namespace

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

namespace {

/// The run request of the command line; returns false on bad arguments.
bool makeRunRequest(const RunArgs& args, RunRequest& request) {
    request.threads = args.threads;
    if (args.threads < 1 || args.threads > 256) {
        std::cerr << "streamgen: --threads must be between 1 and 256\n";
        return false;
    }
    request.count = args.count;
    request.durationSeconds = args.duration;
    if (args.duration && !(*args.duration > 0.0)) {
        std::cerr << "streamgen: --duration must be positive\n";
        return false;
    }
    request.rate = args.rate;
    if (args.rate && !(*args.rate >= 0.0)) {
        std::cerr << "streamgen: --rate must be 0 (unlimited) or positive\n";
        return false;
    }
    if (args.shard && !parseShard(*args.shard, request.shardIndex, request.shardCount)) {
        std::cerr << "streamgen: --shard expects I/N with 0 <= I < N, e.g. 0/4\n";
        return false;
    }
    request.sink = sinkOverrides(args.sink);
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

/// Samples the run once a second (on absolute deadlines, so the per-second series does not drift)
/// until it ends, printing progress and passing Ctrl-C on as a graceful stop.
void superviseRun(Run& run, SecondSeries& series, ProgressPrinter* progress) {
    auto next = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    bool stopRequested = false;
    // Wake at each second's deadline (or every 20 ms to notice Ctrl-C), so the samples of the
    // per-second series are not late.
    const auto untilNext = [&next] {
        const auto remaining =
            std::chrono::ceil<std::chrono::milliseconds>(next - std::chrono::steady_clock::now());
        return std::clamp(remaining, std::chrono::milliseconds(0), std::chrono::milliseconds(20));
    };
    const auto printWarnings = [&run] {
        for (const std::string& warning : run.takeSinkWarnings()) {
            std::cerr << "streamgen: sink: " << warning << '\n';
        }
    };
    while (!run.wait(untilNext())) {
        if (!stopRequested && g_stopSignals > 0) {
            std::cerr << "streamgen: stopping, flushing the sink...\n";
            run.requestStop();
            stopRequested = true;
        }
        printWarnings();
        if (std::chrono::steady_clock::now() >= next) {
            next += std::chrono::seconds(1);
            const MetricsSnapshot snapshot = run.snapshot();
            series.add(snapshot);
            if (progress) {
                progress->print(snapshot);
            }
        }
    }
    // What the sink said while closing.
    printWarnings();
}

} // namespace

int runCommand(const RunArgs& args) {
    RunRequest request;
    if (!makeRunRequest(args, request)) {
        return kExitBadInput;
    }
    const LoadResult loaded = readConfig(args.common);
    RunSetup setup = setUpRun(loaded, request);
    printDiagnostics(setup.diagnostics, args.common.config);
    if (!setup.ok()) {
        return kExitBadInput;
    }
    if (args.report) {
        // Find an unwritable report path now, not after a run of hours.
        const std::string error = checkReportPath(*args.report);
        if (!error.empty()) {
            std::cerr << "streamgen: " << error << '\n';
            return kExitBadInput;
        }
    }

    Run& run = *setup.run;
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

    const Plan& plan = *setup.plan;
    SecondSeries series(plan.typeCount());
    std::optional<ProgressPrinter> progress;
    if (args.progress || ::isatty(STDERR_FILENO)) {
        progress.emplace(plan, loaded.config, setup.options.rate, std::cerr);
    }
    superviseRun(run, series, progress ? &*progress : nullptr);

    const RunSummary summary = run.summary();
    series.add(summary.metrics); // the last, partial second, so the series sums to the totals
    printSummary(summary, std::cerr);
    if (args.report) {
        const std::string error =
            writeRunReport(*args.report, summary, setup.reportContext(series));
        if (!error.empty()) {
            std::cerr << "streamgen: " << error << '\n';
            return kExitRunFailed;
        }
    }
    return summary.failed() ? kExitRunFailed : kExitOk;
}

} // namespace streamgen::cli
