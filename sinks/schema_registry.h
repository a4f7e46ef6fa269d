#pragma once

#include <cstdint>
#include <string>

namespace streamgen {

/// Where a Schema Registry is and how to log in (Confluent's REST API).
struct SchemaRegistrySettings {
    std::string url; ///< e.g. `http://registry:8081`; empty = no registry
    std::string username;
    std::string password;
    /// How subjects are named: `topic` (`<topic>-value`), `record` (`<full record name>`) or
    /// `topic_record` (`<topic>-<full record name>`).
    std::string subjectStrategy = "topic";

    bool enabled() const { return !url.empty(); }
    /// The subject of a value schema for `topic` and the record (or message) `recordName`.
    std::string subjectFor(const std::string& topic, const std::string& recordName) const;
};

/// The outcome of registering one schema.
struct SchemaRegistration {
    int32_t id = -1;   ///< the registry's id, >= 0 on success
    std::string error; ///< why not, naming the registry and subject
    bool ok() const { return id >= 0; }
};

/// Registers `schema` under `subject` (`POST /subjects/<subject>/versions`) and returns its id;
/// the registry gives the same id again for a schema it already has. `schemaType` is "AVRO" or
/// "PROTOBUF". Called when a sink opens, never per event; times out after `timeoutMs`.
SchemaRegistration registerSchema(const SchemaRegistrySettings& registry, const std::string& subject,
                                  const std::string& schema, const std::string& schemaType,
                                  long timeoutMs = 10000);

/// The Confluent wire-format header of a value: magic byte 0 and the schema id, big-endian.
std::string wireHeader(int32_t schemaId);

} // namespace streamgen
