#pragma once

#include "sinks/sink_descriptor.h"
#include "verifier.h"

#include <optional>
#include <string>

namespace streamgen {

/// What to verify besides the config: where to read (the config's sink, or another one with
/// `--from`/`--out`) and what to expect.
struct VerifyRequest {
    SinkOverrides sink;
    VerifyOptions options;
};

/// The outcome of `verifyRun`: a result, or why there is none.
struct VerifyOutcome {
    std::optional<VerifyResult> result;
    std::string source; ///< what was read, e.g. `file:/data/landing`
    std::string error;
    bool badRequest = false; ///< the error is in the request (exit 2), not in reading (exit 1)
};

/// Reads back what the sink holds and compares it with the events the run generated: the one
/// way the CLI's `verify` and the Studio's Verify button do it. `config` must have passed the
/// preflight; the expectation's seed, when it has one, replaces the config's.
VerifyOutcome verifyRun(Config config, const VerifyRequest& request);

} // namespace streamgen
