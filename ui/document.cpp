#include "document.h"

#include "edit_command.h"
#include "model/config_io.h"
#include "model/validator.h"

#include <algorithm>

namespace streamgen::ui {

namespace {

bool validType(const Config& config, int type) {
    return type >= 0 && type < static_cast<int>(config.eventTypes.size());
}

} // namespace

Document::Document(QObject* parent) : QObject(parent) {
    connect(&m_undoStack, &QUndoStack::cleanChanged, this, &Document::fileStateChanged);
    revalidate();
}

void Document::reset(const Config& config, const QString& filePath) {
    m_undoStack.clear();
    m_config = config;
    m_filePath = filePath;
    m_problems = validateConfig(m_config);
    emit changed(DocumentChange::structure());
    emit problemsChanged();
    emit fileStateChanged();
}

bool Document::open(const QString& path, QString* error) {
    const LoadResult result = loadConfigFile(path.toStdString());
    if (!result.ok()) {
        if (error) {
            QStringList lines;
            for (const Diagnostic& diagnostic : result.diagnostics) {
                if (diagnostic.isError()) {
                    lines << QString::fromStdString(diagnostic.format(path.toStdString()));
                }
            }
            *error = lines.join('\n');
        }
        return false;
    }
    reset(result.config, path);
    return true;
}

bool Document::save(const QString& path, QString* error) {
    std::string message;
    if (!saveConfigFile(m_config, path.toStdString(), &message)) {
        if (error) {
            *error = QString::fromStdString(message);
        }
        return false;
    }
    m_filePath = path;
    m_undoStack.setClean();
    emit fileStateChanged();
    return true;
}

void Document::pushEdit(const QString& text, const Config& after, const DocumentChange& change,
                        const QString& mergeKey) {
    if (after == m_config) {
        return; // nothing changed: no undo step
    }
    m_undoStack.push(new EditCommand(this, text, m_config, after, change, mergeKey));
}

void Document::applyConfig(const Config& config, const DocumentChange& change) {
    m_config = config;
    // Problems are current when `changed` is handled; `problemsChanged` follows for views that
    // only show problems.
    m_problems = validateConfig(m_config);
    emit changed(change);
    emit problemsChanged();
}

void Document::revalidate() {
    m_problems = validateConfig(m_config);
    emit problemsChanged();
}

void Document::setEventTypeId(int type, const QString& id) {
    if (!validType(m_config, type)) {
        return;
    }
    Config after = m_config;
    after.eventTypes[static_cast<std::size_t>(type)].id = id.toStdString();
    pushEdit(tr("Rename event type"), after, DocumentChange::eventType(type), "id");
}

void Document::setEventTypeWeight(int type, double weight) {
    if (!validType(m_config, type)) {
        return;
    }
    Config after = m_config;
    after.eventTypes[static_cast<std::size_t>(type)].weight = weight;
    pushEdit(tr("Change weight"), after, DocumentChange::eventType(type), "weight");
}

void Document::setEventTypeEnabled(int type, bool enabled) {
    if (!validType(m_config, type)) {
        return;
    }
    Config after = m_config;
    after.eventTypes[static_cast<std::size_t>(type)].enabled = enabled;
    pushEdit(enabled ? tr("Enable event type") : tr("Disable event type"), after,
             DocumentChange::eventType(type));
}

int Document::insertEventType(int index, const EventType& type) {
    Config after = m_config;
    index = std::clamp(index, 0, static_cast<int>(after.eventTypes.size()));
    after.eventTypes.insert(after.eventTypes.begin() + index, type);
    pushEdit(tr("Add event type"), after, DocumentChange::structure());
    return index;
}

void Document::duplicateEventType(int type) {
    if (!validType(m_config, type)) {
        return;
    }
    EventType copy = m_config.eventTypes[static_cast<std::size_t>(type)];
    copy.id = uniqueTypeId(QString::fromStdString(copy.id)).toStdString();
    Config after = m_config;
    after.eventTypes.insert(after.eventTypes.begin() + type + 1, copy);
    pushEdit(tr("Duplicate event type"), after, DocumentChange::structure());
}

void Document::removeEventTypes(QList<int> types) {
    std::sort(types.begin(), types.end(), std::greater<>());
    types.erase(std::unique(types.begin(), types.end()), types.end());
    Config after = m_config;
    for (int type : types) {
        if (validType(after, type)) {
            after.eventTypes.erase(after.eventTypes.begin() + type);
        }
    }
    pushEdit(types.size() == 1 ? tr("Delete event type") : tr("Delete %n event types", nullptr,
                                                               static_cast<int>(types.size())),
             after, DocumentChange::structure());
}

void Document::moveEventType(int from, int to) {
    if (!validType(m_config, from) || !validType(m_config, to) || from == to) {
        return;
    }
    Config after = m_config;
    EventType moved = std::move(after.eventTypes[static_cast<std::size_t>(from)]);
    after.eventTypes.erase(after.eventTypes.begin() + from);
    after.eventTypes.insert(after.eventTypes.begin() + to, std::move(moved));
    pushEdit(tr("Move event type"), after, DocumentChange::structure());
}

std::vector<FieldSpec>* Document::mutableFields(Config& config, int type) const {
    if (type < 0) {
        return &config.commonFields;
    }
    return validType(config, type) ? &config.eventTypes[static_cast<std::size_t>(type)].fields
                                   : nullptr;
}

const FieldSpec* Document::field(FieldRef ref) const {
    const std::vector<FieldSpec>* fields =
        ref.type < 0 ? &m_config.commonFields
                     : (validType(m_config, ref.type)
                            ? &m_config.eventTypes[static_cast<std::size_t>(ref.type)].fields
                            : nullptr);
    if (!fields || ref.index < 0 || ref.index >= static_cast<int>(fields->size())) {
        return nullptr;
    }
    return &(*fields)[static_cast<std::size_t>(ref.index)];
}

void Document::setField(FieldRef ref, const FieldSpec& spec, const QString& mergeKey) {
    if (!field(ref)) {
        return;
    }
    Config after = m_config;
    (*mutableFields(after, ref.type))[static_cast<std::size_t>(ref.index)] = spec;
    const QString key = mergeKey.isEmpty() ? QString() : QString::number(ref.index) + '/' + mergeKey;
    pushEdit(tr("Edit field %1").arg(QString::fromStdString(spec.name)), after,
             DocumentChange::fields(ref.type), key);
}

int Document::insertField(FieldRef at, const FieldSpec& spec) {
    Config after = m_config;
    std::vector<FieldSpec>* fields = mutableFields(after, at.type);
    if (!fields) {
        return -1;
    }
    const int index = std::clamp(at.index, 0, static_cast<int>(fields->size()));
    fields->insert(fields->begin() + index, spec);
    pushEdit(tr("Add field"), after, DocumentChange::fields(at.type));
    return index;
}

void Document::duplicateField(FieldRef ref) {
    const FieldSpec* original = field(ref);
    if (!original) {
        return;
    }
    FieldSpec copy = *original;
    copy.name = uniqueFieldName(ref.type, QString::fromStdString(copy.name)).toStdString();
    Config after = m_config;
    std::vector<FieldSpec>* fields = mutableFields(after, ref.type);
    fields->insert(fields->begin() + ref.index + 1, copy);
    pushEdit(tr("Duplicate field"), after, DocumentChange::fields(ref.type));
}

void Document::removeField(FieldRef ref) {
    if (!field(ref)) {
        return;
    }
    Config after = m_config;
    std::vector<FieldSpec>* fields = mutableFields(after, ref.type);
    fields->erase(fields->begin() + ref.index);
    pushEdit(tr("Delete field"), after, DocumentChange::fields(ref.type));
}

void Document::moveField(FieldRef from, int toIndex) {
    const FieldSpec* moved = field(from);
    if (!moved || !field(FieldRef{from.type, toIndex}) || toIndex == from.index) {
        return;
    }
    Config after = m_config;
    std::vector<FieldSpec>* fields = mutableFields(after, from.type);
    FieldSpec spec = (*fields)[static_cast<std::size_t>(from.index)];
    fields->erase(fields->begin() + from.index);
    fields->insert(fields->begin() + toIndex, std::move(spec));
    pushEdit(tr("Move field"), after, DocumentChange::fields(from.type));
}

void Document::moveFieldToCommon(FieldRef ref) {
    const FieldSpec* moved = field(ref);
    if (!moved || ref.isCommon()) {
        return;
    }
    Config after = m_config;
    FieldSpec spec = *moved;
    std::vector<FieldSpec>* fields = mutableFields(after, ref.type);
    fields->erase(fields->begin() + ref.index);
    after.commonFields.push_back(std::move(spec));
    // Common fields appear in every type, so this is a structural change for the views.
    pushEdit(tr("Make field common"), after, DocumentChange::structure());
}

void Document::moveFieldToType(FieldRef ref, int type) {
    const FieldSpec* moved = field(ref);
    if (!moved || !ref.isCommon() || !validType(m_config, type)) {
        return;
    }
    Config after = m_config;
    FieldSpec spec = *moved;
    after.commonFields.erase(after.commonFields.begin() + ref.index);
    after.eventTypes[static_cast<std::size_t>(type)].fields.push_back(std::move(spec));
    pushEdit(tr("Move field to event type"), after, DocumentChange::structure());
}

void Document::setRunSettings(const Config& settings, const QString& mergeKey) {
    Config after = m_config;
    applyRunSettings(after, settings);
    pushEdit(tr("Change run settings"), after, DocumentChange::runSettings(), mergeKey);
}

void Document::replaceConfig(const Config& config, const QString& description) {
    pushEdit(description, config, DocumentChange::structure());
}

QString Document::uniqueTypeId(const QString& base) const {
    QString candidate = base;
    for (int n = 2; m_config.indexOfType(candidate.toStdString()) >= 0; ++n) {
        candidate = base + '_' + QString::number(n);
    }
    return candidate;
}

QString Document::uniqueFieldName(int type, const QString& base) const {
    const auto taken = [&](const QString& name) {
        const std::string n = name.toStdString();
        const auto has = [&](const std::vector<FieldSpec>& fields) {
            return std::any_of(fields.begin(), fields.end(),
                               [&](const FieldSpec& f) { return f.name == n; });
        };
        if (has(m_config.commonFields)) {
            return true;
        }
        if (type >= 0) {
            return validType(m_config, type) &&
                   has(m_config.eventTypes[static_cast<std::size_t>(type)].fields);
        }
        return std::any_of(m_config.eventTypes.begin(), m_config.eventTypes.end(),
                           [&](const EventType& t) { return has(t.fields); });
    };
    QString candidate = base;
    for (int n = 2; taken(candidate); ++n) {
        candidate = base + '_' + QString::number(n);
    }
    return candidate;
}

} // namespace streamgen::ui
