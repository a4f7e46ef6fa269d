#pragma once

#include "engine/plan.h"
#include "model/config.h"
#include "postgres_settings.h"
#include "sinks/verify/record_source.h"

#include <memory>
#include <string>

namespace streamgen {

/// Reads back the table a `postgres` sink wrote in the `jsonb` layout, for `streamgen verify`:
/// every row present when the read began (one snapshot, read through a cursor in batches),
/// each as its `payload` in PostgreSQL's text form and its `sequence` column, with origin
/// `table#sequence`. The text form re-formats the JSON (spacing, key order), so the verifier
/// compares such records field by field.
///
/// The `table_per_type` layout is refused: its rows carry no sequence and re-render every value.
class PostgresRecordSource : public RecordSource {
public:
    /// `settings` as the sink reads them (secrets resolved).
    explicit PostgresRecordSource(PostgresSettings settings);

    /// `postgres:"public"."events"@gen@127.0.0.1:5432/streamgen`.
    std::string describe() const override;
    /// Throws std::runtime_error naming the server when it cannot be reached or the table read.
    void read(const std::function<void(const ReceivedRecord&)>& each) override;

private:
    PostgresSettings m_settings;
};

/// The `reader` of the `postgres` sink's descriptor. Sets `error` and returns null when the
/// options cannot be read or the layout cannot be read back.
std::unique_ptr<RecordSource> makePostgresRecordSource(const SinkConfig& sink, const Plan& plan,
                                                       std::string& error);

} // namespace streamgen
