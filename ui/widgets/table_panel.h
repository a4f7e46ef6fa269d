#pragma once

#include <QKeySequence>
#include <QList>
#include <QStyle>

class QAction;
class QTableView;
class QToolBar;
class QWidget;

namespace streamgen::ui {

/// A toolbar action of a table panel. Its shortcut acts only while the panel has focus: the event
/// types and fields panels both use Del and Ctrl+Up/Down.
QAction* makePanelAction(QWidget* owner, QStyle::StandardPixmap icon, const QString& text,
                         const QString& objectName, const QKeySequence& shortcut = {});

/// The look the row tables share: whole-row selection, in-place editing on double click or typing,
/// compact rows, columns sized to their contents except `stretchColumn`.
void setUpRowTable(QTableView* view, int stretchColumn);

/// Shows `message` as a tooltip at the view's current cell, e.g. why an edit was refused: the view
/// puts the old value back, so without a word the edit would look ignored.
void showAtCurrentCell(QTableView* view, const QString& message);

/// Puts a compact toolbar with `actions` above `view` as the whole content of `panel`.
QToolBar* stackToolBar(QWidget* panel, const QList<QAction*>& actions, QWidget* view);

} // namespace streamgen::ui
