#pragma once

#include "document_change.h"
#include "model/config.h"
#include "model/diagnostic.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

namespace streamgen::ui {

/// The open config and its undo history. The only writer of the config: every edit below pushes
/// an undo command (consecutive edits of one value merge into one step), and every applied change
/// emits `changed` with its scope. Views read `config()` and never modify it.
class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);

    const Config& config() const { return m_config; }
    QUndoStack* undoStack() { return &m_undoStack; }
    /// Problems found by model/'s validation of the current config.
    const Diagnostics& problems() const { return m_problems; }

    QString filePath() const { return m_filePath; }
    bool isModified() const { return !m_undoStack.isClean(); }

    /// Replaces the document (New, New from example): clears history and the file path.
    void reset(const Config& config, const QString& filePath = {});
    /// Opens a YAML file; on failure returns false and leaves the document as it was.
    bool open(const QString& path, QString* error);
    /// Saves as YAML to `path` and makes it the document's file.
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

    /// A field by reference, or nullptr.
    const FieldSpec* field(FieldRef ref) const;
    /// A name for a new item that is not taken yet: "base", "base_2", ...
    QString uniqueTypeId(const QString& base) const;
    QString uniqueFieldName(int type, const QString& base) const;

    /// Used by the undo commands: writes a part of the config and announces it.
    void applyConfig(const Config& config, const DocumentChange& change);

signals:
    void changed(const streamgen::ui::DocumentChange& change);
    /// Validation results were recomputed (after every change).
    void problemsChanged();
    /// File path or modified state changed.
    void fileStateChanged();

private:
    void pushEdit(const QString& text, const Config& after, const DocumentChange& change,
                  const QString& mergeKey = {});
    std::vector<FieldSpec>* mutableFields(Config& config, int type) const;
    void revalidate();

    Config m_config;
    Diagnostics m_problems;
    QString m_filePath;
    QUndoStack m_undoStack;
};

} // namespace streamgen::ui
