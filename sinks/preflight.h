#pragma once

#include "engine/plan.h"
#include "model/config_io.h"
#include "model/diagnostic.h"
#include "sink_descriptor.h"

#include <memory>

namespace streamgen {

/// What the preflight looks at besides the config.
struct PreflightOptions {
    SinkOverrides sink;
    /// False for commands that use no sink (preview, bench): the sink section is not checked.
    bool checkSink = true;
};

/// Everything that can be known about a run before it starts.
struct PreflightResult {
    /// Every problem, located in the config file where a position is known.
    Diagnostics diagnostics;
    /// The compiled plan, when there is no error.
    std::shared_ptr<const Plan> plan;

    bool ok() const { return plan != nullptr; }
};

/// The one check between a config and a run: validation, the serialization format, the plan,
/// and the sink's options (its type, every option against its declaration, the sink's own
/// rules). `streamgen validate`, `streamgen run` and the Studio's Problems panel all call it, so
/// that a config without errors here does not fail to start for a reason written in it: secret
/// references must resolve (their values are used only when the sink starts), and the sink's
/// own connection is not tried.
PreflightResult preflight(const Config& config, const PreflightOptions& options = {});

/// The same for a config just read from a file, whose reader has already validated it: the
/// reader's diagnostics come first, each problem once.
PreflightResult preflight(const LoadResult& loaded, const PreflightOptions& options = {});

} // namespace streamgen
