#include "fields_panel.h"

#include "delegates.h"
#include "table_panel.h"
#include "ui/document.h"
#include "ui/models/fields_model.h"

#include <QAction>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <algorithm>

namespace streamgen::ui {

FieldsPanel::FieldsPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_model(new FieldsModel(document, this)),
      m_view(new QTableView(this)) {
    m_add = makePanelAction(this, QStyle::SP_FileIcon, tr("Add field"), "addField");
    m_duplicate = makePanelAction(this, QStyle::SP_FileDialogDetailedView, tr("Duplicate field"),
                             "duplicateField");
    m_delete = makePanelAction(this, QStyle::SP_TrashIcon, tr("Delete field"), "deleteField",
                          QKeySequence::Delete);
    m_moveUp = makePanelAction(this, QStyle::SP_ArrowUp, tr("Move field up"), "moveFieldUp",
                          QKeySequence(Qt::CTRL | Qt::Key_Up));
    m_moveDown = makePanelAction(this, QStyle::SP_ArrowDown, tr("Move field down"), "moveFieldDown",
                            QKeySequence(Qt::CTRL | Qt::Key_Down));
    m_makeCommon = makePanelAction(this, QStyle::SP_ArrowLeft, tr("Make common"), "makeFieldCommon");
    m_moveToType = makePanelAction(this, QStyle::SP_ArrowRight, tr("Move to selected type"), "moveFieldToType");
    m_makeCommon->setToolTip(tr("Make this field common to every event type"));
    m_moveToType->setToolTip(tr("Move this common field into the selected event type only"));

    QToolBar* toolBar =
        stackToolBar(this, {m_add, m_duplicate, m_delete, m_moveUp, m_moveDown}, m_view);
    toolBar->addSeparator();
    toolBar->addActions({m_makeCommon, m_moveToType});

    m_view->setObjectName("fieldsView");
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(FieldsModel::Type, new FieldTypeDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    setUpRowTable(m_view, FieldsModel::Options);

    connect(m_add, &QAction::triggered, this, &FieldsPanel::addField);
    connect(m_duplicate, &QAction::triggered, this, &FieldsPanel::duplicateField);
    connect(m_delete, &QAction::triggered, this, &FieldsPanel::deleteField);
    connect(m_moveUp, &QAction::triggered, this, [this] { moveField(-1); });
    connect(m_moveDown, &QAction::triggered, this, [this] { moveField(1); });
    connect(m_makeCommon, &QAction::triggered, this, &FieldsPanel::makeCommon);
    connect(m_moveToType, &QAction::triggered, this, &FieldsPanel::moveToType);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FieldsPanel::onCurrentChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &FieldsPanel::restoreCurrent);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &FieldsPanel::restoreCurrent);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &FieldsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &FieldsPanel::onCurrentChanged);
    connect(m_model, &FieldsModel::editRejected, this, &FieldsPanel::showRejection);
    setEventType(-1);
}

void FieldsPanel::setEventType(int type) {
    if (type == m_type && m_model->rowCount() > 0) {
        return;
    }
    m_type = type;
    m_wanted = FieldRef{type, -1};
    m_model->setEventType(type);
    restoreCurrent();
}

FieldRef FieldsPanel::currentField() const {
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid()) {
        return FieldRef{m_type, -1};
    }
    return m_model->fieldRef(current.row());
}

void FieldsPanel::selectField(FieldRef ref) {
    m_wanted = ref;
    const int row = ref.index >= 0 ? m_model->rowOf(ref) : -1;
    if (row < 0) {
        m_view->selectionModel()->clearCurrentIndex();
        m_view->clearSelection();
    } else {
        const QModelIndex index = m_model->index(row, FieldsModel::Name);
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
        m_view->scrollTo(index);
    }
    onCurrentChanged();
}

QList<QAction*> FieldsPanel::editActions() const {
    return {m_add, m_duplicate, m_delete, m_moveUp, m_moveDown, m_makeCommon, m_moveToType};
}

int FieldsPanel::fieldCount(int type) const {
    if (type < 0) {
        return static_cast<int>(m_document->config().commonFields.size());
    }
    const auto& types = m_document->config().eventTypes;
    return type < static_cast<int>(types.size())
               ? static_cast<int>(types[static_cast<std::size_t>(type)].fields.size())
               : 0;
}

void FieldsPanel::addField() {
    // A new field belongs to the selected type (after the current field when that is one of the
    // type's own); without a type, it is a common field. "Make common" moves it over.
    const FieldRef current = currentField();
    FieldRef at{m_type, fieldCount(m_type)};
    if (current.index >= 0 && current.type == m_type) {
        at.index = current.index + 1;
    }
    FieldSpec spec;
    spec.type = FieldType::Int;
    spec.name = m_document->uniqueFieldName(at.type, QStringLiteral("field")).toStdString();
    const int index = m_document->insertField(at, spec);
    if (index >= 0) {
        selectField(FieldRef{at.type, index});
        m_view->edit(m_model->index(m_model->rowOf(FieldRef{at.type, index}), FieldsModel::Name));
    }
}

void FieldsPanel::duplicateField() {
    const FieldRef ref = currentField();
    if (ref.index >= 0) {
        m_document->duplicateField(ref);
        selectField(FieldRef{ref.type, ref.index + 1});
    }
}

void FieldsPanel::deleteField() {
    const FieldRef ref = currentField();
    if (ref.index < 0) {
        return;
    }
    m_document->removeField(ref);
    const int left = fieldCount(ref.type);
    selectField(left > 0 ? FieldRef{ref.type, std::min(ref.index, left - 1)} : FieldRef{m_type, 0});
}

void FieldsPanel::moveField(int delta) {
    const FieldRef ref = currentField();
    const int to = ref.index + delta;
    if (ref.index < 0 || to < 0 || to >= fieldCount(ref.type)) {
        return;
    }
    m_document->moveField(ref, to);
    selectField(FieldRef{ref.type, to});
}

void FieldsPanel::makeCommon() {
    const FieldRef ref = currentField();
    if (ref.index >= 0 && !ref.isCommon()) {
        m_document->moveFieldToCommon(ref);
        selectField(FieldRef{-1, fieldCount(-1) - 1});
    }
}

void FieldsPanel::moveToType() {
    const FieldRef ref = currentField();
    if (ref.index >= 0 && ref.isCommon() && m_type >= 0) {
        m_document->moveFieldToType(ref, m_type);
        selectField(FieldRef{m_type, fieldCount(m_type) - 1});
    }
}

void FieldsPanel::onCurrentChanged() {
    const FieldRef ref = currentField();
    if (ref.index >= 0) {
        m_wanted = ref;
    }
    updateActions();
    if (ref != m_reported) {
        m_reported = ref;
        emit currentFieldChanged(ref);
    }
}

void FieldsPanel::restoreCurrent() {
    const int rows = m_model->rowCount();
    if (rows == 0) {
        selectField(FieldRef{m_type, -1});
        return;
    }
    FieldRef ref = m_wanted;
    if (ref.index < 0 || m_model->rowOf(ref) < 0) {
        // The wanted field is gone: keep the same row position when possible.
        const int row = std::clamp(m_model->rowOf(ref), 0, rows - 1);
        ref = m_model->fieldRef(row);
    }
    selectField(ref);
}

void FieldsPanel::updateActions() {
    const FieldRef ref = currentField();
    const bool has = ref.index >= 0;
    m_add->setEnabled(true);
    m_duplicate->setEnabled(has);
    m_delete->setEnabled(has);
    m_moveUp->setEnabled(has && ref.index > 0);
    m_moveDown->setEnabled(has && ref.index + 1 < fieldCount(ref.type));
    m_makeCommon->setEnabled(has && !ref.isCommon());
    m_moveToType->setEnabled(has && ref.isCommon() && m_type >= 0);
}

void FieldsPanel::showRejection(const QString& reason) {
    showAtCurrentCell(m_view, reason);
    emit editRejected(reason);
}

} // namespace streamgen::ui
