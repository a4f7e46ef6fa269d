#pragma once

#include "preflight.h"

#include "engine/run.h"
#include "engine/run_report.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace streamgen {

/// What a run needs besides the config: its limits and the caller's choices, each of which takes
/// precedence over the config when set.
struct RunRequest {
    std::optional<uint64_t> count;          ///< of the whole stream, also when sharded
    std::optional<double> durationSeconds;
    std::optional<double> rate;             ///< events/s; 0 = as fast as the sink accepts
    int threads = 1;
    uint32_t shardIndex = 0;
    uint32_t shardCount = 1;
    SinkOverrides sink;
};

/// A run set up from a config, not started yet, or the reasons it could not be set up.
struct RunSetup {
    enum class Failure {
        None,
        Config, ///< the preflight found errors, or the sink could not be built from its options
    };
    Failure failure = Failure::None;
    /// The preflight's problems (warnings too), then the sink's if it could not be built.
    Diagnostics diagnostics;
    std::shared_ptr<const Plan> plan;
    RunOptions options;
    /// Ready to start (`Run::start` opens the sink); null on failure.
    std::unique_ptr<Run> run;
    std::string sinkName; ///< `Sink::describe()`, for logs and reports
    /// The configured share of each event type, in [0, 1].
    std::vector<double> targetShares;

    bool ok() const { return run != nullptr; }
    /// The report context of this run, with `series` as its per-second counts.
    RunReportContext reportContext(const SecondSeries& series) const;
};

/// Config -> preflight -> run options, plan, sink and Run: the one way the CLI and the Studio
/// set a run up. Batch mode defaults the count to `batch_config.total_rows` and runs as fast as
/// possible; streaming mode paces to `total_rows_per_second`. A sink that cannot be built (a
/// secret whose variable is not set) is a config failure located at the sink's type.
RunSetup setUpRun(const Config& config, const RunRequest& request);
/// The same for a config just read from a file (see `preflight(const LoadResult&, ...)`).
RunSetup setUpRun(const LoadResult& loaded, const RunRequest& request);

} // namespace streamgen
