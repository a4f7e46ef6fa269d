#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace streamgen {

/// One record read back from where a run wrote its events: a line of a landing file, a Kafka
/// message. Its views are valid during the callback only.
struct ReceivedRecord {
    std::string_view payload; ///< the event as the format wrote it (no line terminator, no
                              ///< Schema Registry framing)
    /// The event's sequence number when the transport carries it beside the payload (Kafka's
    /// `streamgen-seq` header); else read from the payload's identity field, if any.
    std::optional<uint64_t> sequence;
    std::string_view key;   ///< the message key, or ""
    int32_t partition = -1; ///< the Kafka partition; -1 where there are none
    /// When the record arrived where it is read, epoch milliseconds, where the destination
    /// keeps it: a Kafka message's timestamp, a landing file's modification time.
    std::optional<int64_t> arrivedMs;
    /// Where the record stands, for messages: `landing/events-1.jsonl:17`, `events/3@1234`.
    std::string_view origin;
};

/// Reads back every record a sink's destination holds, for `streamgen verify`. Each sink that
/// can be read back declares its reader in its SinkDescriptor.
class RecordSource {
public:
    virtual ~RecordSource() = default;
    /// For messages: `file:/data/landing`, `kafka:events@127.0.0.1:9092`.
    virtual std::string describe() const = 0;
    /// Calls `each` once per record, in the source's own order (per file, per partition), until
    /// everything present when the read began has been read. Throws std::runtime_error with a
    /// message for the user when the destination cannot be read.
    virtual void read(const std::function<void(const ReceivedRecord&)>& each) = 0;
};

} // namespace streamgen
