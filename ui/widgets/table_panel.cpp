#include "table_panel.h"

#include <QAction>
#include <QHeaderView>
#include <QTableView>
#include <QToolBar>
#include <QToolTip>
#include <QVBoxLayout>

namespace streamgen::ui {

QAction* makePanelAction(QWidget* owner, QStyle::StandardPixmap icon, const QString& text,
                         const QString& objectName, const QKeySequence& shortcut) {
    auto* action = new QAction(owner->style()->standardIcon(icon), text, owner);
    action->setObjectName(objectName);
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    owner->addAction(action);
    return action;
}

void setUpRowTable(QTableView* view, int stretchColumn) {
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::AnyKeyPressed);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    view->setWordWrap(false);
}

void showAtCurrentCell(QTableView* view, const QString& message) {
    constexpr int kShownMs = 5000;
    const QModelIndex current = view->currentIndex();
    const QRect cell = current.isValid() ? view->visualRect(current) : QRect();
    QToolTip::showText(view->viewport()->mapToGlobal(cell.bottomLeft()), message, view, {},
                       kShownMs);
}

QToolBar* stackToolBar(QWidget* panel, const QList<QAction*>& actions, QWidget* view) {
    auto* toolBar = new QToolBar(panel);
    toolBar->setIconSize(QSize(16, 16));
    toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    toolBar->addActions(actions);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolBar);
    layout->addWidget(view);
    return toolBar;
}

} // namespace streamgen::ui
