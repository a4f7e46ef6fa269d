#pragma once

#include "plan.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <utility>

namespace streamgen {

using PaceClock = std::chrono::steady_clock;

/// The part of a run that the controls change, published as an immutable object: workers read
/// it once per batch through an atomic pointer and never lock.
///
/// Pacing is a schedule: claimed index j is due at anchorTime + (j - anchorIndex) / rate. A
/// change re-anchors the schedule so that it continues from "now" without a burst or a gap.
struct ControlState {
    explicit ControlState(TypeSelector typeSelector) : selector(std::move(typeSelector)) {}

    TypeSelector selector;
    double rate = 0.0; ///< events per second; 0 = unpaced
    uint64_t anchorIndex = 0;
    PaceClock::time_point anchorTime;
    bool paused = false;
    /// Running time before `segmentStart` (pauses excluded); the clock runs from segmentStart
    /// while not paused.
    PaceClock::duration activeBefore{};
    PaceClock::time_point segmentStart;

    /// Nothing to generate: paused, or every type has weight 0.
    bool idle() const { return paused || selector.empty(); }

    PaceClock::duration elapsed(PaceClock::time_point now) const {
        return paused ? activeBefore : activeBefore + (now - segmentStart);
    }

    /// When claimed index `index` is due (rate > 0).
    PaceClock::time_point due(uint64_t index) const {
        // Clamped so that absurdly low rates cannot overflow the clock's 64-bit nanoseconds.
        constexpr double kHorizon = 1e9;
        const double seconds =
            std::clamp((static_cast<double>(index) - static_cast<double>(anchorIndex)) / rate,
                       -kHorizon, kHorizon);
        return anchorTime + std::chrono::duration_cast<PaceClock::duration>(
                                std::chrono::duration<double>(seconds));
    }

    /// The fractional index due at `now` (rate > 0).
    double indexAt(PaceClock::time_point now) const {
        return static_cast<double>(anchorIndex) +
               std::chrono::duration<double>(now - anchorTime).count() * rate;
    }

    /// When the running time reaches `limit`, given that the state is not paused.
    PaceClock::time_point endTime(PaceClock::duration limit) const {
        return segmentStart + (limit - activeBefore);
    }
};

/// Events per batch: about 10 ms worth when paced, so that a batch never bunches more than
/// that; a larger fixed batch when unpaced, to amortize the per-batch sink call.
inline std::size_t batchSizeFor(double rate) {
    constexpr std::size_t kUnpacedBatch = 1024;
    constexpr double kBatchSeconds = 0.010;
    if (rate <= 0.0) {
        return kUnpacedBatch;
    }
    return static_cast<std::size_t>(std::clamp(std::llround(rate * kBatchSeconds), 1LL, 4096LL));
}

} // namespace streamgen
