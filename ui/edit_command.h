#pragma once

#include "document_change.h"
#include "model/config.h"

#include <QUndoCommand>
#include <variant>

namespace streamgen::ui {

class Document;

/// One undoable edit: the part of the config in the change's scope, before and after. Storing
/// only that part (one event type, one field list, the run settings) keeps a long history small;
/// only structural edits keep whole configs.
class EditCommand : public QUndoCommand {
public:
    EditCommand(Document* document, const QString& text, const Config& before,
                const Config& after, DocumentChange change, QString mergeKey);

    void undo() override;
    void redo() override;
    int id() const override { return m_mergeKey.isEmpty() ? -1 : kMergeableId; }
    /// Consecutive edits of the same value (same scope and merge key) become one step.
    bool mergeWith(const QUndoCommand* other) override;

private:
    static constexpr int kMergeableId = 0x5347;
    using Part = std::variant<EventType, std::vector<FieldSpec>, Config>;

    static Part extract(const Config& config, const DocumentChange& change);
    void apply(const Part& part);

    Document* m_document;
    DocumentChange m_change;
    QString m_mergeKey;
    Part m_before;
    Part m_after;
};

/// The run settings of a config: everything but the common fields and event types.
Config runSettingsOf(const Config& config);
/// Writes `settings`' run settings into `config`, keeping its fields and event types.
void applyRunSettings(Config& config, const Config& settings);

} // namespace streamgen::ui
