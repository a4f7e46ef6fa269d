#pragma once

// Helpers that drive the Studio's widgets the way a user does: open a cell's editor in the view,
// type into it, and press Return, so that the views' delegates and models do the editing.
#include <QAbstractItemView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QTest>

namespace streamgen::ui::test {

/// The editor open on `index` in `view`, opening it first when needed.
inline QWidget* openEditor(QAbstractItemView* view, const QModelIndex& index) {
    if (!view->indexWidget(index)) {
        view->setCurrentIndex(index);
        view->edit(index);
    }
    return view->indexWidget(index);
}

/// The delegate commits and closes an editor on Return through a queued call.
inline bool waitUntilClosed(QAbstractItemView* view, const QModelIndex& index) {
    return QTest::qWaitFor([&] { return !view->indexWidget(index); }, 2000);
}

/// Replaces a text cell's content by typing, then commits with Return.
inline bool typeIntoCell(QAbstractItemView* view, const QModelIndex& index, const QString& text) {
    auto* editor = qobject_cast<QLineEdit*>(openEditor(view, index));
    if (!editor) {
        return false;
    }
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    return waitUntilClosed(view, index);
}

/// Sets a spin-box cell (a weight) the way the arrow keys or the wheel do, then commits.
inline bool spinCell(QAbstractItemView* view, const QModelIndex& index, double value) {
    auto* spin = qobject_cast<QDoubleSpinBox*>(openEditor(view, index));
    if (!spin) {
        return false;
    }
    spin->setValue(value);
    QTest::keyClick(spin, Qt::Key_Return);
    return waitUntilClosed(view, index);
}

/// Picks `text` in a combo-box cell, as choosing it from the popup does.
inline bool chooseInCell(QAbstractItemView* view, const QModelIndex& index, const QString& text) {
    auto* combo = qobject_cast<QComboBox*>(openEditor(view, index));
    const int row = combo ? combo->findText(text) : -1;
    if (row < 0) {
        return false;
    }
    combo->setCurrentIndex(row);
    emit combo->activated(row);
    return true;
}

/// Replaces a line edit's text by typing it.
inline void retype(QLineEdit* edit, const QString& text) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace streamgen::ui::test
