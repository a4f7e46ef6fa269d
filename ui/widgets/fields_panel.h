#pragma once

#include "ui/document_change.h"

#include <QWidget>

class QAction;
class QTableView;

namespace streamgen::ui {

class Document;
class FieldsModel;

/// The fields of the selected event type, common fields first: add, duplicate, delete, move,
/// and move a field between the common fields and the type.
class FieldsPanel : public QWidget {
    Q_OBJECT
public:
    explicit FieldsPanel(Document* document, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    FieldsModel* model() const { return m_model; }
    /// Shows the fields of event type `type` (-1: only the common fields).
    void setEventType(int type);
    int eventType() const { return m_type; }
    /// The current field, or a ref with index -1.
    FieldRef currentField() const;
    void selectField(FieldRef ref);
    QList<QAction*> editActions() const;

    QAction* addFieldAction() const { return m_add; }
    QAction* duplicateFieldAction() const { return m_duplicate; }
    QAction* deleteFieldAction() const { return m_delete; }
    QAction* moveUpAction() const { return m_moveUp; }
    QAction* moveDownAction() const { return m_moveDown; }
    QAction* makeCommonAction() const { return m_makeCommon; }
    QAction* moveToTypeAction() const { return m_moveToType; }

signals:
    void currentFieldChanged(streamgen::ui::FieldRef ref);
    /// An edit in the table was refused, with the reason the panel shows at the cell (and in
    /// the main window's status bar when it has one).
    void editRejected(const QString& reason);

private:
    void addField();
    void duplicateField();
    void deleteField();
    void moveField(int delta);
    void makeCommon();
    void moveToType();
    void onCurrentChanged();
    void restoreCurrent();
    void updateActions();
    void showRejection(const QString& reason);
    int fieldCount(int type) const;

    Document* m_document;
    FieldsModel* m_model;
    QTableView* m_view;
    QAction* m_add;
    QAction* m_duplicate;
    QAction* m_delete;
    QAction* m_moveUp;
    QAction* m_moveDown;
    QAction* m_makeCommon;
    QAction* m_moveToType;
    int m_type = -1;
    FieldRef m_wanted{-1, -1};
    FieldRef m_reported{-2, -2};
};

} // namespace streamgen::ui
