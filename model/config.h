#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace streamgen {

/// A position in a config file, 1-based. A default-constructed location (line 0) means "unknown",
/// e.g. for configs built in memory by the Studio.
struct SourceLocation {
    int line = 0;
    int column = 0;

    bool known() const { return line > 0; }
    bool operator==(const SourceLocation&) const = default;
};

/// Field types understood by the generator. `Int`/`Long` and `Float`/`Double` differ in how values
/// are rendered (32-bit floats print with float precision), not in how ranges are written. The
/// types from `FirstName` on are realistic text made from built-in data sets
/// (model/kinds/realistic_kinds.cpp). `Struct`, `Array` and `Map` nest other field specs
/// (model/kinds/nested_kinds.cpp).
enum class FieldType {
    Uuid,
    Int,
    Long,
    Float,
    Double,
    String,
    Timestamp,
    Boolean,
    Date,
    FirstName,
    LastName,
    FullName,
    Email,
    Phone,
    StreetAddress,
    City,
    State,
    Zip,
    Country,
    Company,
    Ipv4,
    Ipv6,
    UserAgent,
    Url,
    Word,
    Lorem,
    Decimal,
    Struct,
    Array,
    Map,
};

/// How a `timestamp` field picks its value.
enum class TimestampMode {
    Now,      ///< wall-clock time at generation (dblstreamgen's behaviour); not reproducible
    Sequence, ///< `begin` + k * `interval_ms` for event number k; reproducible
    Random,   ///< uniform in [`begin`, `end`]; reproducible
};

/// The canonical spelling of a field type in YAML ("uuid", "int", ...).
const char* fieldTypeName(FieldType type);
/// Parses a YAML type name, accepting the aliases users bring ("integer", "bool", "str"...).
std::optional<FieldType> parseFieldType(const std::string& name);
/// All canonical type names, for suggestions and combo boxes.
const std::vector<std::string>& fieldTypeNames();

/// One field of an event (or a common field). Only the members that belong to `type` are
/// meaningful; the others keep their defaults and are not saved.
struct FieldSpec {
    std::string name;
    FieldType type = FieldType::String;

    // int / long: inclusive range.
    int64_t intMin = 0;
    int64_t intMax = 1000000;
    // float / double: inclusive range and optional number of digits after the decimal point.
    double floatMin = 0.0;
    double floatMax = 1.0;
    std::optional<int> precision;
    // decimal: dbldatagen's DecimalType(digits, scale); the scale is `precision`.
    int64_t decimalDigits = 10;
    // string: the values to draw from, with optional relative weights of the same length.
    std::vector<std::string> values;
    std::vector<double> weights;
    // boolean: probability of `true`.
    double trueRatio = 0.5;
    // timestamp: mode and its parameters, as epoch milliseconds (UTC).
    TimestampMode timestampMode = TimestampMode::Now;
    int64_t beginMs = 0;
    int64_t endMs = 0;
    int64_t intervalMs = 1000;
    // timestamp: late events, so that watermark logic can be tested.
    double lateRatio = 0.0;       ///< share of events whose time is earlier than it should be
    int64_t lateMaxMs = 0;        ///< how much earlier at most, in [1, lateMaxMs] ms
    std::string lateDistribution; ///< how lateness spreads over [1, lateMaxMs]; "" = uniform
    int64_t jitterMs = 0;         ///< now / sequence: each time moves by up to this much either way
    // date: inclusive range as days since 1970-01-01; when absent the current UTC date is used.
    std::optional<std::pair<int32_t, int32_t>> dateRange;
    // every type: share of events in which the field is JSON null, in [0, 1].
    double nullRatio = 0.0;
    // int / long / float / double: dbldatagen's column options.
    double step = 0.0;        ///< values lie on min + k * step; 0: anywhere (whole numbers: 1)
    bool random = true;       ///< false: min, min + step, ... in turn, by event number
    std::string distribution; ///< the values' shape in the range (model/distribution.h)
    bool unique = false;      ///< int / long: no value repeats until every value was used
    int64_t uniqueValues = 0; ///< int / long: > 0, the range holds this many values from min
    bool sequence = false;    ///< int / long: min + k * step for event number k, without end
    // string: made from a pattern instead of drawn from `values`.
    std::string textTemplate;        ///< dbldatagen's `template` (engine/text_template.h)
    bool escapeSpecialChars = false; ///< dbldatagen's: template letters literal unless escaped
    std::string pattern;             ///< StreamForge's `format`: "MTR-####-####", "RES|COM|IND"
    std::string prefix;              ///< written before the value, then `text_separator`
    std::string suffix;              ///< written after the value and `text_separator`
    std::string textSeparator;       ///< between prefix, value and suffix; "" = "_"
    // lorem: dbldatagen's ILText, inclusive ranges of counts.
    int64_t paragraphsMin = 1;
    int64_t paragraphsMax = 1;
    int64_t sentencesMin = 1; ///< per paragraph
    int64_t sentencesMax = 1;
    int64_t wordsMin = 2; ///< per sentence
    int64_t wordsMax = 12;
    // every type: dbldatagen's derived columns.
    std::string expr;  ///< computed from other fields of the event (engine/expr); "" = generated
    bool omit = false; ///< generated and usable by `expr`, but not written
    /// dbldatagen's baseColumn: the value is a function of this field's value in the event, so
    /// that equal base values give equal values; "" = of the event
    std::string baseColumn;
    // struct: its fields; array: [the items' spec]; map: [the keys' spec, the values' spec].
    std::vector<FieldSpec> children;
    // array / map: inclusive range of the count of items or entries.
    int64_t lengthMin = 1;
    int64_t lengthMax = 5;

    /// Where the field's name key stands in the file.
    SourceLocation location;
    /// Where each option's value stands, so that the validator can point at it.
    SourceLocation typeLocation, rangeLocation, precisionLocation, valuesLocation, weightsLocation,
        trueRatioLocation, nullRatioLocation, modeLocation, beginLocation, endLocation,
        intervalLocation, stepLocation, randomLocation, distributionLocation, uniqueLocation,
        uniqueValuesLocation, sequenceLocation, exprLocation, omitLocation, templateLocation,
        escapeLocation, patternLocation, prefixLocation, suffixLocation, separatorLocation,
        lateRatioLocation, lateMaxLocation, lateDistributionLocation, jitterLocation,
        paragraphsLocation, sentencesLocation, wordsLocation, digitsLocation, baseColumnLocation,
        fieldsLocation, itemsLocation, keyLocation, valueLocation, lengthLocation;

    bool hasRange() const;
    bool operator==(const FieldSpec& other) const; ///< compares values, not locations
};

/// The strings a `string` field drawing from `values` writes: each value with the field's
/// prefix and suffix (at least one entry, "" when there are no values).
std::vector<std::string> writtenValues(const FieldSpec& field);

/// One kind of event in the stream.
struct EventType {
    std::string id;
    double weight = 1.0; ///< relative: share = weight / sum of the enabled types' weights
    bool enabled = true;
    std::vector<FieldSpec> fields;

    SourceLocation location; ///< where the list item starts
    SourceLocation idLocation, weightLocation, fieldsLocation;
    bool operator==(const EventType& other) const;
};

/// A free-form option tree, used for sink options (which differ per sink type and may nest,
/// e.g. Kafka `properties:`). Scalars keep their text as written; secret references stay
/// unresolved until a sink starts.
struct OptionNode {
    enum class Kind { Null, Scalar, List, Map };
    Kind kind = Kind::Null;
    std::string scalar;
    std::vector<OptionNode> items;                           ///< Kind::List
    std::vector<std::pair<std::string, OptionNode>> entries; ///< Kind::Map, in file order
    SourceLocation location;

    static OptionNode makeScalar(std::string text);
    /// The entry with this key in a map, or nullptr.
    const OptionNode* find(const std::string& key) const;
    OptionNode* find(const std::string& key);
    /// Sets (or adds) a map entry to a scalar, turning a null node into a map.
    void set(const std::string& key, std::string value);
    bool operator==(const OptionNode& other) const; ///< ignores locations
};

enum class GenerationMode { Streaming, Batch };

/// The sink section: its type and every other key as written.
struct SinkConfig {
    std::string type = "stdout";
    OptionNode options; ///< a map of the keys other than `type`
    SourceLocation location;
    SourceLocation typeLocation;
    bool operator==(const SinkConfig& other) const;
};

/// A whole generator config: dblstreamgen's keys plus StreamGen's own (`seed`, field options).
struct Config {
    std::vector<FieldSpec> commonFields;
    std::vector<EventType> eventTypes;
    GenerationMode generationMode = GenerationMode::Streaming;
    double totalRowsPerSecond = 1000.0; ///< streaming_config.total_rows_per_second; 0 = unlimited
    int64_t batchTotalRows = 1000000;   ///< batch_config.total_rows
    int batchPartitions = 1;            ///< batch_config.partitions
    std::string serializationFormat = "json";
    /// `format_options`: options of the serialization format (e.g. CSV `delimiter`), as written.
    OptionNode formatOptions;
    SinkConfig sink;
    uint64_t seed = 0;
    /// `identity_field`: the name of a field every event carries with its sequence number, so
    /// that `streamgen verify` can tell events apart where the sink has no headers; "" = none.
    std::string identityField;

    /// Where the values of the top-level keys stand (unknown for configs built in memory).
    SourceLocation eventTypesLocation, rateLocation, totalRowsLocation, partitionsLocation,
        serializationFormatLocation, identityFieldLocation;

    /// Sum of the weights of the enabled event types.
    double enabledWeightSum() const;
    /// Share in [0, 1] of event type `index` (0 when disabled or when all weights are 0).
    double shareOf(std::size_t index) const;
    /// Index of the event type with this id, or -1.
    int indexOfType(const std::string& id) const;

    bool operator==(const Config& other) const; ///< compares values, not locations
};

} // namespace streamgen
