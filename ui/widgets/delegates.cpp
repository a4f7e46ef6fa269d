#include "delegates.h"

#include "model/config.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <limits>

namespace streamgen::ui {

namespace {

// What the editor showed when it was loaded from the model. The spin box rounds to its decimals
// and clamps to its range, so its value can differ from the weight without the user touching it;
// only a value different from this one is the user's edit.
const char* const kLoadedValue = "streamgenLoadedValue";
// The model value the editor was last loaded from.
const char* const kModelValue = "streamgenModelValue";

} // namespace

QWidget* WeightDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&,
                                      const QModelIndex&) const {
    auto* spin = new QDoubleSpinBox(parent);
    // Enough decimals for weights such as 1/3 and no practical upper limit, so that opening the
    // editor shows the weight as it is.
    spin->setDecimals(10);
    spin->setRange(0.0, std::numeric_limits<double>::max());
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
    const QVariant loadedFrom = spin->property(kModelValue);
    if (loadedFrom.isValid() && loadedFrom.toDouble() == value) {
        return; // already shows this weight, possibly rounded
    }
    // The view pushes the committed value back while the user is typing; rewriting an equal
    // value would move the cursor and eat the keystroke.
    if (spin->value() != value) {
        const QSignalBlocker blocker(spin);
        spin->setValue(value);
    }
    spin->setProperty(kModelValue, value);
    spin->setProperty(kLoadedValue, spin->value());
}

void WeightDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                  const QModelIndex& index) const {
    auto* spin = static_cast<QDoubleSpinBox*>(editor);
    spin->interpretText();
    const QVariant loaded = spin->property(kLoadedValue);
    if (loaded.isValid() && loaded.toDouble() == spin->value()) {
        return; // the user did not change the value: keep the weight exactly as it is
    }
    if (model->data(index, Qt::EditRole).toDouble() != spin->value()) {
        model->setData(index, spin->value(), Qt::EditRole);
    }
    // The committed value is the new baseline: typing the old value back is an edit again.
    spin->setProperty(kModelValue, model->data(index, Qt::EditRole).toDouble());
    spin->setProperty(kLoadedValue, spin->value());
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
