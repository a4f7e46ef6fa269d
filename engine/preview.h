#pragma once

#include "plan.h"

#include <cstddef>
#include <string>
#include <vector>

namespace streamgen {

/// One previewed event: its place in the stream, its typed values (in the order of
/// `Plan::fieldNames`) and its encoded payload in the plan's format.
struct PreviewRow {
    uint32_t type = 0;
    uint64_t sequence = 0;
    std::vector<Value> values;      ///< strings point into the plan or `texts`: keep both alive
    std::string payload;            ///< without the trailing newline of text formats
    std::vector<std::string> texts; ///< the strings made for this event (never reallocated)
};

/// The first `count` events of the plan's stream (k = 0, 1, 2, ...), types picked over the
/// plan's initial weights exactly as a run picks them, so that a preview shows the rows a run
/// with the same seed starts with.
///
/// With `type` >= 0, only the events of that type in the same stream (scanning k upward); when
/// that type has no share, events k = 0 .. count-1 rendered as that type.
std::vector<PreviewRow> previewRows(const Plan& plan, std::size_t count, int type = -1);

/// The payloads of `previewRows`.
std::vector<std::string> previewEvents(const Plan& plan, std::size_t count, int type = -1);

/// The lines `streamgen preview` prints for `rows`: JSON payloads as they are; CSV's header line,
/// then the rows; for binary formats (Avro, Protobuf), `<N> bytes  <the row as JSON>`, since
/// the bytes themselves are not text.
std::vector<std::string> previewText(const Plan& plan, const std::vector<PreviewRow>& rows);

/// A row as one JSON object (`event_type_id` first), whatever the plan's format: how binary
/// formats are shown to a person.
std::string previewJson(const Plan& plan, const PreviewRow& row);

} // namespace streamgen
