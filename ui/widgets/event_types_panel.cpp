#include "event_types_panel.h"

#include "delegates.h"
#include "table_panel.h"
#include "ui/document.h"
#include "ui/models/event_types_model.h"

#include <QAction>
#include <QStyle>
#include <QTableView>
#include <algorithm>

namespace streamgen::ui {

EventTypesPanel::EventTypesPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_model(new EventTypesModel(document, this)),
      m_view(new QTableView(this)) {
    m_add = makePanelAction(this, QStyle::SP_FileDialogNewFolder, tr("Add event type"),
                            "addEventType");
    m_duplicate = makePanelAction(this, QStyle::SP_FileDialogDetailedView,
                                  tr("Duplicate event type"), "duplicateEventType");
    m_delete = makePanelAction(this, QStyle::SP_TrashIcon, tr("Delete event types"),
                               "deleteEventTypes", QKeySequence::Delete);
    m_moveUp = makePanelAction(this, QStyle::SP_ArrowUp, tr("Move event type up"),
                               "moveEventTypeUp", QKeySequence(Qt::CTRL | Qt::Key_Up));
    m_moveDown = makePanelAction(this, QStyle::SP_ArrowDown, tr("Move event type down"),
                                 "moveEventTypeDown", QKeySequence(Qt::CTRL | Qt::Key_Down));

    stackToolBar(this, {m_add, m_duplicate, m_delete, m_moveUp, m_moveDown}, m_view);

    m_view->setObjectName("eventTypesView");
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(EventTypesModel::Weight, new WeightDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setDragDropMode(QAbstractItemView::InternalMove);
    m_view->setDefaultDropAction(Qt::MoveAction);
    setUpRowTable(m_view, EventTypesModel::Id);

    connect(m_add, &QAction::triggered, this, &EventTypesPanel::addType);
    connect(m_duplicate, &QAction::triggered, this, &EventTypesPanel::duplicateType);
    connect(m_delete, &QAction::triggered, this, &EventTypesPanel::deleteTypes);
    connect(m_moveUp, &QAction::triggered, this, [this] { moveType(-1); });
    connect(m_moveDown, &QAction::triggered, this, [this] { moveType(1); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventTypesPanel::onCurrentChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &EventTypesPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EventTypesPanel::restoreCurrent);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &EventTypesPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &EventTypesPanel::restoreCurrent);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &EventTypesPanel::onCurrentChanged);
    connect(m_model, &EventTypesModel::editRejected, this, &EventTypesPanel::showRejection);
    restoreCurrent();
}

int EventTypesPanel::currentType() const {
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void EventTypesPanel::selectType(int type) {
    m_wanted = type;
    if (type < 0 || type >= m_model->rowCount()) {
        m_view->selectionModel()->clearCurrentIndex();
        m_view->clearSelection();
        onCurrentChanged();
        return;
    }
    const QModelIndex index = m_model->index(type, EventTypesModel::Id);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    onCurrentChanged();
}

QList<QAction*> EventTypesPanel::editActions() const {
    return {m_add, m_duplicate, m_delete, m_moveUp, m_moveDown};
}

void EventTypesPanel::addType() {
    EventType type;
    type.id = m_document->uniqueTypeId(QStringLiteral("event.type")).toStdString();
    const int current = currentType();
    const int at =
        m_document->insertEventType(current >= 0 ? current + 1 : m_model->rowCount(), type);
    selectType(at);
    m_view->edit(m_model->index(at, EventTypesModel::Id));
}

void EventTypesPanel::duplicateType() {
    const int type = currentType();
    if (type >= 0) {
        m_document->duplicateEventType(type);
        selectType(type + 1);
    }
}

void EventTypesPanel::deleteTypes() {
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        rows << index.row();
    }
    if (rows.isEmpty() && currentType() >= 0) {
        rows << currentType();
    }
    if (rows.isEmpty()) {
        return;
    }
    const int first = *std::min_element(rows.begin(), rows.end());
    m_document->removeEventTypes(rows);
    selectType(std::min(first, m_model->rowCount() - 1));
}

void EventTypesPanel::moveType(int delta) {
    const int from = currentType();
    const int to = from + delta;
    if (from < 0 || to < 0 || to >= m_model->rowCount()) {
        return;
    }
    m_document->moveEventType(from, to);
    selectType(to);
}

void EventTypesPanel::onCurrentChanged() {
    const int type = currentType();
    if (type >= 0) {
        m_wanted = type;
    }
    updateActions();
    if (type != m_reported) {
        m_reported = type;
        emit currentTypeChanged(type);
    }
}

void EventTypesPanel::restoreCurrent() {
    const int rows = m_model->rowCount();
    selectType(rows == 0 ? -1 : std::clamp(m_wanted, 0, rows - 1));
}

void EventTypesPanel::updateActions() {
    const int type = currentType();
    const int rows = m_model->rowCount();
    m_duplicate->setEnabled(type >= 0);
    m_delete->setEnabled(type >= 0 || m_view->selectionModel()->hasSelection());
    m_moveUp->setEnabled(type > 0);
    m_moveDown->setEnabled(type >= 0 && type + 1 < rows);
}

void EventTypesPanel::showRejection(const QString& reason) {
    showAtCurrentCell(m_view, reason);
    emit editRejected(reason);
}

} // namespace streamgen::ui
