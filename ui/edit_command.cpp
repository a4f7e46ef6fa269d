#include "edit_command.h"

#include "document.h"

namespace streamgen::ui {

Config runSettingsOf(const Config& config) {
    Config settings = config;
    settings.commonFields.clear();
    settings.eventTypes.clear();
    return settings;
}

void applyRunSettings(Config& config, const Config& settings) {
    std::vector<FieldSpec> common = std::move(config.commonFields);
    std::vector<EventType> types = std::move(config.eventTypes);
    config = settings;
    config.commonFields = std::move(common);
    config.eventTypes = std::move(types);
}

EditCommand::EditCommand(Document* document, const QString& text, const Config& before,
                         const Config& after, DocumentChange change, QString mergeKey)
    : QUndoCommand(text), m_document(document), m_change(change),
      m_mergeKey(std::move(mergeKey)), m_before(extract(before, change)),
      m_after(extract(after, change)) {}

EditCommand::Part EditCommand::extract(const Config& config, const DocumentChange& change) {
    switch (change.kind) {
    case DocumentChange::Kind::EventType:
        return config.eventTypes.at(static_cast<std::size_t>(change.type));
    case DocumentChange::Kind::Fields:
        return change.type < 0 ? config.commonFields
                               : config.eventTypes.at(static_cast<std::size_t>(change.type)).fields;
    case DocumentChange::Kind::RunSettings:
        return runSettingsOf(config);
    case DocumentChange::Kind::Structure:
        break;
    }
    return config;
}

void EditCommand::apply(const Part& part) {
    Config config = m_document->config();
    switch (m_change.kind) {
    case DocumentChange::Kind::EventType:
        config.eventTypes.at(static_cast<std::size_t>(m_change.type)) = std::get<EventType>(part);
        break;
    case DocumentChange::Kind::Fields: {
        auto& fields = m_change.type < 0
                           ? config.commonFields
                           : config.eventTypes.at(static_cast<std::size_t>(m_change.type)).fields;
        fields = std::get<std::vector<FieldSpec>>(part);
        break;
    }
    case DocumentChange::Kind::RunSettings:
        applyRunSettings(config, std::get<Config>(part));
        break;
    case DocumentChange::Kind::Structure:
        config = std::get<Config>(part);
        break;
    }
    m_document->applyConfig(config, m_change);
}

void EditCommand::undo() { apply(m_before); }

void EditCommand::redo() { apply(m_after); }

bool EditCommand::mergeWith(const QUndoCommand* other) {
    const auto* edit = dynamic_cast<const EditCommand*>(other);
    if (!edit || edit->m_change != m_change || edit->m_mergeKey != m_mergeKey) {
        return false;
    }
    m_after = edit->m_after;
    return true;
}

} // namespace streamgen::ui
