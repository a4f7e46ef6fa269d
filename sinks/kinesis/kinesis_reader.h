#pragma once

#include "engine/plan.h"
#include "kinesis_settings.h"
#include "model/config.h"
#include "sinks/verify/record_source.h"

#include <memory>
#include <string>

namespace streamgen {

/// Reads back the stream a `kinesis` sink wrote, with Kinesis' JSON API (ListShards,
/// GetShardIterator, GetRecords), signed as the sink signs its requests:
///
/// - every shard is read from TRIM_HORIZON until a GetRecords call returns no record with
///   MillisBehindLatest 0, or the shard is closed and read to its end;
/// - a record's payload is its Data, its key the PartitionKey, its partition the shard's number
///   (`shardId-000000000003` is 3), its origin `shardId@SequenceNumber` and its arrival the
///   ApproximateArrivalTimestamp. Kinesis carries no headers: the verifier tells records apart by
///   the config's `identity_field`, else by their bytes;
/// - throttling is waited out; an endpoint that cannot be reached, a missing stream, or refused
///   credentials end the read with std::runtime_error naming stream and endpoint.
class KinesisRecordSource : public RecordSource {
public:
    /// `settings` as the sink reads them (credentials resolved). `create_stream` is ignored:
    /// reading back never creates a stream.
    explicit KinesisRecordSource(KinesisSettings settings);

    /// `kinesis:events@http://127.0.0.1:4567`.
    std::string describe() const override;
    void read(const std::function<void(const ReceivedRecord&)>& each) override;

private:
    KinesisSettings m_settings;
};

/// The `reader` of the `kinesis` sink's descriptor. Sets `error` and returns null when the
/// options or the credentials cannot be read.
std::unique_ptr<RecordSource> makeKinesisRecordSource(const SinkConfig& sink, const Plan& plan,
                                                      std::string& error);

} // namespace streamgen
