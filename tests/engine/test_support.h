#pragma once

#include "engine/plan.h"
#include "engine/sink.h"
#include "model/config.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace streamgen::test {

/// The dblstreamgen quick-start: user_id common; session start / purchase / session end.
Config quickStartConfig(uint64_t seed = 42);

/// A config with one event type "only" holding `fields`.
Config singleTypeConfig(std::vector<FieldSpec> fields, uint64_t seed = 7);

EventType eventType(std::string id, double weight);
FieldSpec intField(std::string name, int64_t min, int64_t max);
FieldSpec realField(std::string name, FieldType type, double min, double max,
                    std::optional<int> precision = std::nullopt);
FieldSpec stringField(std::string name, std::vector<std::string> values,
                      std::vector<double> weights = {});
FieldSpec simpleField(std::string name, FieldType type);

std::shared_ptr<const Plan> compileOrDie(const Config& config, uint64_t stream = 0);

/// Renders events k = first .. first+count-1 of type `type`, payloads without newlines.
std::vector<std::string> renderRange(const Plan& plan, uint32_t type, uint64_t first,
                                     uint64_t count);

/// The raw text of field `name` in a flat payload rendered by the engine (string values keep
/// their quotes). Fast enough for a million events, unlike a full JSON parse.
std::string_view fieldText(std::string_view payload, std::string_view name);

/// Keeps every event it is given, per worker so that workers never contend.
class CapturingSink : public Sink {
public:
    struct Shared {
        std::mutex mutex;
        std::vector<std::string> payloads;
        std::vector<uint64_t> sequences;
        std::vector<uint32_t> types;
        std::vector<std::string> keys;
        std::atomic<uint64_t> batches{0};
        bool closed = false;
    };
    explicit CapturingSink(std::shared_ptr<Shared> shared) : m_shared(std::move(shared)) {}

    std::string describe() const override { return "capture"; }
    void open(const SinkContext&) override {}
    void write(int worker, const EventBatch& batch) override;
    FlushResult close(std::chrono::milliseconds) override;

private:
    std::shared_ptr<Shared> m_shared;
};

/// Counts events without keeping them; optionally throws after `failAfter` batches.
class CountingSink : public Sink {
public:
    struct Shared {
        std::atomic<uint64_t> events{0};
        std::atomic<uint64_t> batches{0};
        std::atomic<uint64_t> bytes{0};
        uint64_t failAfter = UINT64_MAX;
    };
    explicit CountingSink(std::shared_ptr<Shared> shared) : m_shared(std::move(shared)) {}

    std::string describe() const override { return "counting"; }
    void open(const SinkContext&) override {}
    void write(int worker, const EventBatch& batch) override;
    FlushResult close(std::chrono::milliseconds) override { return {}; }

private:
    std::shared_ptr<Shared> m_shared;
};

} // namespace streamgen::test
