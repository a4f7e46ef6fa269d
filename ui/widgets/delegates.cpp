#include "delegates.h"

#include "model/config.h"

#include <QComboBox>
#include <QDoubleSpinBox>

namespace streamgen::ui {

QWidget* WeightDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&,
                                      const QModelIndex&) const {
    auto* spin = new QDoubleSpinBox(parent);
    spin->setRange(0.0, 1e9);
    spin->setDecimals(4);
    spin->setSingleStep(0.1);
    spin->setFrame(false);
    spin->setKeyboardTracking(true);
    connect(spin, &QDoubleSpinBox::valueChanged, this, [this, spin] {
        // const_cast: commitData is a signal of the delegate, emitted for its own editor.
        emit const_cast<WeightDelegate*>(this)->commitData(spin);
    });
    return spin;
}

void WeightDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    auto* spin = static_cast<QDoubleSpinBox*>(editor);
    const double value = index.data(Qt::EditRole).toDouble();
    // The view pushes the committed value back while the user is typing; rewriting an equal
    // value would move the cursor and eat the keystroke.
    if (spin->value() != value) {
        const QSignalBlocker blocker(spin);
        spin->setValue(value);
    }
}

void WeightDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                  const QModelIndex& index) const {
    auto* spin = static_cast<QDoubleSpinBox*>(editor);
    spin->interpretText();
    if (model->data(index, Qt::EditRole).toDouble() != spin->value()) {
        model->setData(index, spin->value(), Qt::EditRole);
    }
}

QWidget* FieldTypeDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&,
                                         const QModelIndex&) const {
    auto* combo = new QComboBox(parent);
    for (const std::string& name : fieldTypeNames()) {
        combo->addItem(QString::fromStdString(name));
    }
    connect(combo, &QComboBox::activated, this, [this, combo] {
        auto* self = const_cast<FieldTypeDelegate*>(this);
        emit self->commitData(combo);
        emit self->closeEditor(combo);
    });
    return combo;
}

void FieldTypeDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    auto* combo = static_cast<QComboBox*>(editor);
    const int row = combo->findText(index.data(Qt::EditRole).toString());
    if (row >= 0 && row != combo->currentIndex()) {
        const QSignalBlocker blocker(combo);
        combo->setCurrentIndex(row);
    }
}

void FieldTypeDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                     const QModelIndex& index) const {
    auto* combo = static_cast<QComboBox*>(editor);
    if (model->data(index, Qt::EditRole).toString() != combo->currentText()) {
        model->setData(index, combo->currentText(), Qt::EditRole);
    }
}

} // namespace streamgen::ui
