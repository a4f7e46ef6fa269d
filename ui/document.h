#pragma once

#include "document_change.h"
#include "model/config.h"
#include "model/diagnostic.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUndoStack>
#include <optional>

namespace streamgen::ui {

/// YAML text that does not load as a config (syntax or type errors, or past a size, nesting or
/// alias limit), kept as written so that saving loses nothing of what the user wrote.
struct BrokenText {
    QByteArray bytes; ///< as read from the file or typed; empty when not held
    /// False when the file is too large to hold: it is then left as it is on disk.
    bool held = true;
    Diagnostics problems; ///< why the text does not load, in file order
    /// The config when the text stopped loading: a different config means the tables were edited
    /// since, and the text no longer holds everything the document shows.
    Config base;

    QString text() const { return QString::fromUtf8(bytes); }
    bool operator==(const BrokenText& other) const {
        return bytes == other.bytes && held == other.held && base == other.base;
    }
};

/// Everything an undo step may restore: the config and the text that does not load, if any.
struct DocumentState {
    Config config;
    std::optional<BrokenText> broken;
    bool operator==(const DocumentState&) const = default;
};

/// The open config and its undo history. The only writer of the config: every edit below pushes
/// an undo command (consecutive edits of one value merge into one step), and every applied change
/// emits `changed` with its scope. Views read `config()` and never modify it.
///
/// A config with problems is still a document: semantic problems are listed and fixed in place.
/// YAML that does not load (a file opened with syntax errors, or text typed in the YAML view) is
/// kept as the document's broken text while the config holds what could be read; problems()
/// lists the text's errors, and Save writes the text as it is until it loads.
class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);

    const Config& config() const { return m_config; }
    QUndoStack* undoStack() { return &m_undoStack; }
    /// Why the broken text does not load, then model/'s validation of the current config.
    const Diagnostics& problems() const { return m_problems; }
    /// The YAML text while it does not load, or nullptr.
    const BrokenText* brokenText() const { return m_broken ? &*m_broken : nullptr; }
    /// The config was edited since the text stopped loading: saving the text would drop that.
    bool configEditedSinceBrokenText() const;

    QString filePath() const { return m_filePath; }
    bool isModified() const { return !m_undoStack.isClean(); }

    /// Replaces the document (New, New from example): clears history and the file path.
    void reset(const Config& config, const QString& filePath = {});
    /// Opens a YAML file, problems and all (a text that does not load becomes the broken text).
    /// Returns false, with the reason in `error`, only when the file cannot be read at all
    /// (missing, a folder, no permission); the document is then left as it was.
    bool open(const QString& path, QString* error);
    /// Saves to `path` and makes it the document's file: the config as YAML, or the broken text
    /// as it is while there is one.
    bool save(const QString& path, QString* error);

    // Edits. Indices are validated; out-of-range calls do nothing.
    void setEventTypeId(int type, const QString& id);
    void setEventTypeWeight(int type, double weight);
    void setEventTypeEnabled(int type, bool enabled);
    /// Inserts at `index` (clamped); returns the index it landed at.
    int insertEventType(int index, const EventType& type);
    void duplicateEventType(int type);
    /// Removes several types in one undo step.
    void removeEventTypes(QList<int> types);
    void moveEventType(int from, int to);

    /// Replaces one field. `mergeKey` names what was edited (e.g. "range"); consecutive edits of
    /// the same field with the same key merge into one undo step.
    void setField(FieldRef ref, const FieldSpec& field, const QString& mergeKey = {});
    int insertField(FieldRef at, const FieldSpec& field);
    void duplicateField(FieldRef ref);
    void removeField(FieldRef ref);
    void moveField(FieldRef from, int toIndex);
    /// Moves a field between the common fields and event type `type` (appended at the end).
    void moveFieldToCommon(FieldRef ref);
    void moveFieldToType(FieldRef ref, int type);

    /// Replaces the run settings (everything but common fields and event types).
    void setRunSettings(const Config& settings, const QString& mergeKey = {});
    /// Replaces the whole config, e.g. after the YAML text was edited.
    void replaceConfig(const Config& config, const QString& description);
    /// Takes YAML typed by the user in one undo step: a text that reads completely replaces the
    /// config (semantic problems included, as an edit in the tables would); any other text becomes
    /// the broken text and leaves the config alone. Returns whether the config took the text.
    bool applyText(const QString& text, const QString& description);
    /// Drops the broken text (undoable): the config, as the tables show it, is the document again.
    void discardBrokenText();

    /// A field by reference, or nullptr.
    const FieldSpec* field(FieldRef ref) const;
    /// A name for a new item that is not taken yet: "base", "base_2", ...
    QString uniqueTypeId(const QString& base) const;
    QString uniqueFieldName(int type, const QString& base) const;

    /// Used by the undo commands: writes a part of the config and announces it.
    void applyConfig(const Config& config, const DocumentChange& change);
    /// Used by the undo commands: writes the config and the broken text and announces them.
    void applyState(const DocumentState& state);

signals:
    void changed(const streamgen::ui::DocumentChange& change);
    /// Validation results were recomputed (after every change).
    void problemsChanged();
    /// File path or modified state changed.
    void fileStateChanged();
    /// The broken text appeared, changed or went away; sent before `changed`.
    void brokenTextChanged();

private:
    void pushEdit(const QString& text, const Config& after, const DocumentChange& change,
                  const QString& mergeKey = {});
    void pushState(const QString& text, const DocumentState& after);
    void resetTo(const DocumentState& state, const QString& filePath);
    bool write(const QString& path, QString* error) const;
    std::vector<FieldSpec>* mutableFields(Config& config, int type) const;
    void revalidate();
    void computeProblems();

    Config m_config;
    std::optional<BrokenText> m_broken;
    Diagnostics m_problems;
    QString m_filePath;
    QUndoStack m_undoStack;
};

} // namespace streamgen::ui
