#pragma once

#include "plan.h"

#include <cstddef>
#include <string>
#include <vector>

namespace streamgen {

/// The first `count` events of the plan's stream (k = 0, 1, 2, ...), types picked over the
/// plan's initial weights exactly as a run picks them, so that a preview shows the rows a run
/// with the same seed starts with.
///
/// With `type` >= 0, only the events of that type in the same stream (scanning k upward); when
/// that type has no share, events k = 0 .. count-1 rendered as that type. Payloads come without
/// the trailing newline.
std::vector<std::string> previewEvents(const Plan& plan, std::size_t count, int type = -1);

} // namespace streamgen
