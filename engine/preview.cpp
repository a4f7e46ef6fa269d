#include "preview.h"

namespace streamgen {

namespace {

// A type with a tiny share could need a very long scan; past this the rest is rendered directly.
constexpr uint64_t kScanLimit = 100'000'000;

} // namespace

std::vector<std::string> previewEvents(const Plan& plan, std::size_t count, int type) {
    std::vector<std::string> events;
    if (plan.typeCount() == 0 || type >= static_cast<int>(plan.typeCount())) {
        return events;
    }
    const TypeSelector selector = plan.typeSelector(plan.initialWeights());
    EventBatch batch;
    auto renderOne = [&](uint64_t sequence, uint32_t eventType) {
        batch.clear();
        plan.render(sequence, eventType, batch);
        events.emplace_back(batch.payload(0));
    };
    const bool scan = !selector.empty() && (type < 0 || plan.initialWeights()[type] > 0.0);
    uint64_t sequence = 0;
    while (scan && events.size() < count && sequence < kScanLimit) {
        const uint32_t picked = selector.pick(sequence);
        if (type < 0 || picked == static_cast<uint32_t>(type)) {
            renderOne(sequence, picked);
        }
        ++sequence;
    }
    const auto fallbackType = static_cast<uint32_t>(type < 0 ? 0 : type);
    for (uint64_t k = 0; events.size() < count; ++k) {
        renderOne(scan ? sequence + k : k, fallbackType);
    }
    return events;
}

} // namespace streamgen
