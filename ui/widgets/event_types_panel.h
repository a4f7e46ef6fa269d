#pragma once

#include <QWidget>

class QAction;
class QTableView;

namespace streamgen::ui {

class Document;
class EventTypesModel;

/// The event types table with its toolbar: add, duplicate, delete (several at once), move up and
/// down (also by drag and Ctrl+Up/Down). Keeps a current type across document changes.
class EventTypesPanel : public QWidget {
    Q_OBJECT
public:
    explicit EventTypesPanel(Document* document, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    EventTypesModel* model() const { return m_model; }
    /// The current event type's index, or -1.
    int currentType() const;
    void selectType(int type);
    QList<QAction*> editActions() const;

    QAction* addTypeAction() const { return m_add; }
    QAction* duplicateTypeAction() const { return m_duplicate; }
    QAction* deleteTypesAction() const { return m_delete; }
    QAction* moveUpAction() const { return m_moveUp; }
    QAction* moveDownAction() const { return m_moveDown; }

signals:
    void currentTypeChanged(int type);
    /// An edit in the table was refused, with the reason the panel shows at the cell (and in
    /// the main window's status bar when it has one).
    void editRejected(const QString& reason);

private:
    void addType();
    void duplicateType();
    void deleteTypes();
    void moveType(int delta);
    void onCurrentChanged();
    void restoreCurrent();
    void updateActions();
    void showRejection(const QString& reason);

    Document* m_document;
    EventTypesModel* m_model;
    QTableView* m_view;
    QAction* m_add;
    QAction* m_duplicate;
    QAction* m_delete;
    QAction* m_moveUp;
    QAction* m_moveDown;
    /// The type to select again after the model was reset (structural edits, undo).
    int m_wanted = 0;
    int m_reported = -2;
};

} // namespace streamgen::ui
