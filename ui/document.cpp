#include "document.h"

#include "edit_command.h"
#include "model/config_io.h"
#include "model/validator.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <algorithm>

namespace streamgen::ui {

namespace {

bool validType(const Config& config, int type) {
    return type >= 0 && type < static_cast<int>(config.eventTypes.size());
}

bool sameDiagnostic(const Diagnostic& a, const Diagnostic& b) {
    return a.severity == b.severity && a.location == b.location && a.message == b.message &&
           a.path == b.path;
}

/// The errors that come from reading the text rather than from validating what was read: while
/// there are any, the config does not hold everything the text says.
Diagnostics textProblems(const LoadResult& result) {
    const Diagnostics semantic = validateConfig(result.config);
    Diagnostics problems;
    for (const Diagnostic& diagnostic : result.diagnostics) {
        const bool isSemantic =
            std::any_of(semantic.begin(), semantic.end(),
                        [&](const Diagnostic& other) { return sameDiagnostic(diagnostic, other); });
        if (diagnostic.isError() && !isSemantic) {
            problems.push_back(diagnostic);
        }
    }
    return problems;
}

/// The loader reports a file it could not read at all (missing, a folder, no permission) without
/// a position: the position-less problems concern the whole file.
bool unreadable(const Diagnostics& problems) {
    return std::any_of(problems.begin(), problems.end(),
                       [](const Diagnostic& d) { return !d.location.known(); });
}

QString formatErrors(const Diagnostics& diagnostics, const QString& path) {
    QStringList lines;
    for (const Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.isError()) {
            lines << QString::fromStdString(diagnostic.format(path.toStdString()));
        }
    }
    return lines.join('\n');
}

/// The file's bytes, unless it is too large for the loader (it is then not held, and stays as
/// it is on disk) or not a regular file (a pipe the loader already drained).
BrokenText brokenFileText(const QString& path, Diagnostics problems, const Config& base) {
    BrokenText broken{{}, false, std::move(problems), base};
    const QFileInfo info(path);
    QFile file(path);
    if (info.isFile() && info.size() <= static_cast<qint64>(LoadOptions{}.maxFileBytes) &&
        file.open(QIODevice::ReadOnly)) {
        broken.bytes = file.readAll();
        broken.held = file.error() == QFileDevice::NoError;
    }
    return broken;
}

/// One edit of the document's text: the config and the broken text before and after. Consecutive
/// edits merge while the text does not load, so typing a fix is one step.
class TextCommand : public QUndoCommand {
public:
    TextCommand(Document* document, const QString& text, DocumentState before, DocumentState after)
        : QUndoCommand(text), m_document(document), m_before(std::move(before)),
          m_after(std::move(after)) {}

    void undo() override { m_document->applyState(m_before); }
    void redo() override { m_document->applyState(m_after); }
    int id() const override { return kId; }
    bool mergeWith(const QUndoCommand* other) override {
        // A saved step stays as saved: merging into it would change what "clean" means.
        if (!m_after.broken || m_document->undoStack()->isClean()) {
            return false;
        }
        m_after = static_cast<const TextCommand*>(other)->m_after;
        setObsolete(m_after == m_before);
        return true;
    }

private:
    static constexpr int kId = 0x5348;
    Document* m_document;
    DocumentState m_before;
    DocumentState m_after;
};

} // namespace

Document::Document(QObject* parent) : QObject(parent) {
    connect(&m_undoStack, &QUndoStack::cleanChanged, this, &Document::fileStateChanged);
    revalidate();
}

void Document::reset(const Config& config, const QString& filePath) {
    resetTo({config, std::nullopt}, filePath);
}

void Document::resetTo(const DocumentState& state, const QString& filePath) {
    m_undoStack.clear();
    m_config = state.config;
    m_broken = state.broken;
    m_filePath = filePath;
    computeProblems();
    emit brokenTextChanged();
    emit changed(DocumentChange::structure());
    emit problemsChanged();
    emit fileStateChanged();
}

bool Document::open(const QString& path, QString* error) {
    const LoadResult result = loadConfigFile(path.toStdString());
    Diagnostics problems = textProblems(result);
    if (unreadable(problems)) {
        if (error) {
            *error = formatErrors(result.diagnostics, path);
        }
        return false;
    }
    DocumentState state{result.config, std::nullopt};
    if (!problems.empty()) {
        state.broken = brokenFileText(path, std::move(problems), result.config);
    }
    resetTo(state, path);
    return true;
}

bool Document::save(const QString& path, QString* error) {
    if (!write(path, error)) {
        return false;
    }
    m_filePath = path;
    m_undoStack.setClean();
    emit fileStateChanged();
    return true;
}

bool Document::write(const QString& path, QString* error) const {
    const auto fail = [error](const QString& message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    if (!m_broken) {
        std::string message;
        return saveConfigFile(m_config, path.toStdString(), &message) ||
               fail(QString::fromStdString(message));
    }
    if (!m_broken->held) {
        // The file on disk is the text; only a copy elsewhere would need it.
        return path == m_filePath ||
               fail(tr("%1 is too large to hold, so it cannot be saved under another name.")
                        .arg(QFileInfo(m_filePath).fileName()));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_broken->bytes) != m_broken->bytes.size() ||
        !file.commit()) {
        return fail(tr("cannot write %1: %2").arg(path, file.errorString()));
    }
    return true;
}

bool Document::configEditedSinceBrokenText() const {
    return m_broken && !(m_broken->base == m_config);
}

bool Document::applyText(const QString& text, const QString& description) {
    // An empty view over a text too large to hold is that text, not an empty file.
    if (m_broken && (m_broken->held ? m_broken->text() == text : text.isEmpty())) {
        return false;
    }
    const QByteArray bytes = text.toUtf8();
    const LoadResult result = loadConfigString(bytes.toStdString());
    Diagnostics problems = textProblems(result);
    DocumentState after{result.config, std::nullopt};
    if (!problems.empty()) {
        after.config = m_config;
        after.broken =
            BrokenText{bytes, true, std::move(problems), m_broken ? m_broken->base : m_config};
    }
    pushState(description, after);
    return !after.broken;
}

void Document::discardBrokenText() {
    if (m_broken) {
        pushState(tr("Discard YAML text"), {m_config, std::nullopt});
    }
}

void Document::pushState(const QString& text, const DocumentState& after) {
    DocumentState before{m_config, m_broken};
    if (after == before) {
        return;
    }
    m_undoStack.push(new TextCommand(this, text, std::move(before), after));
}

void Document::applyState(const DocumentState& state) {
    const bool textChanged = m_broken != state.broken;
    const bool configChanged = !(m_config == state.config);
    m_config = state.config;
    m_broken = state.broken;
    computeProblems();
    // The YAML view learns about the text first, so that it does not take the config's change
    // for one that the text has not seen.
    if (textChanged) {
        emit brokenTextChanged();
    }
    if (configChanged) {
        emit changed(DocumentChange::structure());
    }
    emit problemsChanged();
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
    computeProblems();
    emit changed(change);
    emit problemsChanged();
}

void Document::revalidate() {
    computeProblems();
    emit problemsChanged();
}

void Document::computeProblems() {
    m_problems = m_broken ? m_broken->problems : Diagnostics{};
    // When the text could not be read at all, or not its `event_types`, "no event types" would
    // only repeat why (the loader leaves it out too).
    const bool typesUnread =
        m_broken && m_config.eventTypes.empty() &&
        std::any_of(m_broken->problems.begin(), m_broken->problems.end(), [](const Diagnostic& d) {
            return d.path.empty() || d.path.starts_with("event_types");
        });
    for (Diagnostic& diagnostic : validateConfig(m_config)) {
        if (typesUnread && diagnostic.path == "event_types") {
            continue;
        }
        m_problems.push_back(std::move(diagnostic));
    }
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
