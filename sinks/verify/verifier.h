#pragma once

#include "engine/plan.h"
#include "model/config.h"
#include "record_source.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace streamgen {

/// The events a run generated: indexes [firstIndex, endIndex) of its shard, less the abandoned
/// ranges (claimed when the run stopped, never generated). Event index i is sequence number
/// i * shardCount + shardIndex.
struct VerifyExpectation {
    uint64_t firstIndex = 0;
    uint64_t endIndex = 0;
    std::vector<std::pair<uint64_t, uint64_t>> abandoned;
    uint32_t shardIndex = 0;
    uint32_t shardCount = 1;
    std::optional<uint64_t> seed; ///< the run's seed, when a report says it

    uint64_t count() const;
};

/// Reads the `stream` section of a run report (`streamgen run --report`). Sets `error` and
/// returns nullopt when the text is not such a report.
std::optional<VerifyExpectation> expectationFromReport(const std::string& reportJson,
                                                       std::string& error);

/// A field renamed downstream: `received` is its name in what is read back, `expected` in the
/// config.
struct FieldRename {
    std::string received;
    std::string expected;
};

struct VerifyOptions {
    VerifyExpectation expect;
    /// Downstream output: compare only the fields a record has, under these names. Any rename
    /// (or `presentFieldsOnly`) switches from byte comparison to field comparison.
    std::vector<FieldRename> renames;
    bool presentFieldsOnly = false;
    std::size_t show = 10; ///< problems of each kind listed in full
};

struct FieldDifference {
    std::string field;
    std::string expected; ///< JSON text; "(absent)" when the field is missing
    std::string actual;
};

struct AlteredEvent {
    uint64_t sequence = 0;
    std::string origin;
    std::vector<FieldDifference> fields;
};

struct LocatedEvent {
    uint64_t sequence = 0;
    std::string origin;
};

/// How long events took from being generated (their `now` timestamp field) to where they were
/// read (a Kafka message's timestamp, a landing file's time), in milliseconds.
struct LatencySummary {
    std::string field; ///< the timestamp field the events were generated at
    uint64_t count = 0;
    int64_t p50 = 0;
    int64_t p90 = 0;
    int64_t p99 = 0;
    int64_t max = 0;
};

/// What `streamgen verify` found.
struct VerifyResult {
    uint64_t expected = 0;   ///< events the run generated
    uint64_t received = 0;   ///< records read back
    uint64_t matched = 0;    ///< expected events found once and equal
    uint64_t missing = 0;    ///< expected events not found
    uint64_t duplicated = 0; ///< extra copies of events found before
    uint64_t altered = 0;    ///< expected events found with other values
    uint64_t unexpected = 0; ///< records that are no expected event
    uint64_t outOfOrder = 0; ///< records of a key (per partition) after a later event of it
    std::vector<uint64_t> firstMissing;
    std::vector<LocatedEvent> firstDuplicated;
    std::vector<AlteredEvent> firstAltered;
    std::vector<std::string> firstUnexpected; ///< origins
    std::string identity; ///< how records were told apart: header, field, or content
    /// Where the events carry their generation time and the destination an arrival time.
    std::optional<LatencySummary> latency;

    /// Every expected event present exactly once and equal, nothing else.
    bool clean() const;
    /// The `--report` document.
    std::string json() const;
    /// The lines `streamgen verify` prints.
    std::string text() const;
};

/// A request verify cannot answer (records without identity from a config whose events a rerun
/// does not reproduce byte for byte).
class VerifyRequestError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Compares records read back with the events a run generated, regenerated from the config.
///
/// A record's event is known from its sequence number (a header, or the config's
/// `identity_field`); without either, records are matched by their bytes. A record is equal
/// when its bytes are the regenerated event's; otherwise JSON and CSV records are compared field
/// by field, leaving out the fields no rerun reproduces (`now` timestamps, dates of today).
/// Matching by bytes uses a 64-bit hash of them.
class Verifier {
public:
    /// `config` is the run's (its seed replaced by the report's); throws std::runtime_error when
    /// its plan does not compile.
    Verifier(const Config& config, VerifyOptions options);
    ~Verifier();
    Verifier(const Verifier&) = delete;
    Verifier& operator=(const Verifier&) = delete;

    const Plan& plan() const;
    void add(const ReceivedRecord& record);
    VerifyResult finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace streamgen
