#include "preview.h"

#include "encoders/json_encoder.h"

namespace streamgen {

namespace {

// A type with a tiny share could need a very long scan; past this the rest is rendered directly.
constexpr uint64_t kScanLimit = 100'000'000;

/// Strings made per event (templates, expressions) live in buffers the next event reuses: the
/// row keeps its own copies.
void keepTexts(PreviewRow& row) {
    row.texts.reserve(row.values.size());
    for (Value& value : row.values) {
        if (value.isMadePerEvent()) {
            row.texts.emplace_back(value.text);
            value.text = row.texts.back();
        }
    }
}

} // namespace

std::vector<PreviewRow> previewRows(const Plan& plan, std::size_t count, int type) {
    std::vector<PreviewRow> rows;
    if (plan.typeCount() == 0 || type >= static_cast<int>(plan.typeCount())) {
        return rows;
    }
    const TypeSelector selector = plan.typeSelector(plan.initialWeights());
    EventBatch batch;
    auto renderOne = [&](uint64_t sequence, uint32_t eventType) {
        batch.clear();
        plan.render(sequence, eventType, batch);
        PreviewRow row{eventType,
                       sequence,
                       plan.values(sequence, eventType),
                       std::string(batch.payload(0)),
                       {}};
        keepTexts(row);
        rows.push_back(std::move(row));
    };
    const bool scan = !selector.empty() && (type < 0 || plan.initialWeights()[type] > 0.0);
    uint64_t sequence = 0;
    while (scan && rows.size() < count && sequence < kScanLimit) {
        const uint32_t picked = selector.pick(sequence);
        if (type < 0 || picked == static_cast<uint32_t>(type)) {
            renderOne(sequence, picked);
        }
        ++sequence;
    }
    const auto fallbackType = static_cast<uint32_t>(type < 0 ? 0 : type);
    for (uint64_t k = 0; rows.size() < count; ++k) {
        renderOne(scan ? sequence + k : k, fallbackType);
    }
    return rows;
}

std::vector<std::string> previewEvents(const Plan& plan, std::size_t count, int type) {
    std::vector<std::string> events;
    for (PreviewRow& row : previewRows(plan, count, type)) {
        events.push_back(std::move(row.payload));
    }
    return events;
}

std::vector<std::string> previewText(const Plan& plan, const std::vector<PreviewRow>& rows) {
    std::vector<std::string> lines;
    if (plan.format() == Format::Csv) {
        std::string header = plan.schema();
        if (!header.empty() && header.back() == '\n') {
            header.pop_back();
        }
        lines.push_back(std::move(header));
    }
    const bool text = formatInfo(plan.format()).text;
    for (const PreviewRow& row : rows) {
        lines.push_back(text ? row.payload
                             : std::to_string(row.payload.size()) + " bytes  " +
                                   previewJson(plan, row));
    }
    return lines;
}

std::string previewJson(const Plan& plan, const PreviewRow& row) {
    std::string out = "{\"event_type_id\":" + json::quote(plan.typeId(row.type));
    const std::vector<std::string>& names = plan.fieldNames(row.type);
    for (std::size_t i = 0; i < names.size() && i < row.values.size(); ++i) {
        out += ',';
        out += json::quote(names[i]);
        out += ':';
        JsonEncoder::appendValue(row.values[i], out);
    }
    out.push_back('}');
    return out;
}

} // namespace streamgen
