#include "weighted_values_editor.h"

#include "delegates.h"
#include "ui/models/values_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace streamgen::ui {

namespace {

/// Values with their weights and shares in a table (the string kind's `values` and the
/// `weights` paired with them); the table's model edits the document itself.
class WeightedValuesEditor : public OptionEditor {
public:
    WeightedValuesEditor(const FieldOption& option, Document* document, QWidget* widget)
        : OptionEditor(option, widget), m_model(new ValuesModel(document, this)),
          m_view(new QTableView(widget)) {
        const QString item = QString::fromUtf8(option.unit.singular);
        m_view->setObjectName(QString::fromUtf8(option.name) + "View");
        m_view->setModel(m_model);
        m_view->setItemDelegateForColumn(ValuesModel::Weight, new WeightDelegate(m_view));
        m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
        m_view->verticalHeader()->hide();
        m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
        m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        m_view->horizontalHeader()->setSectionResizeMode(ValuesModel::Value, QHeaderView::Stretch);
        QStyle* style = widget->style();
        auto* add = new QPushButton(style->standardIcon(QStyle::SP_FileIcon),
                                    tr("Add %1").arg(item), widget);
        add->setObjectName("add" + capitalized(item));
        auto* remove = new QPushButton(style->standardIcon(QStyle::SP_TrashIcon),
                                       tr("Remove %1").arg(item), widget);
        remove->setObjectName("remove" + capitalized(item));
        auto* buttons = new QHBoxLayout;
        buttons->addWidget(add);
        buttons->addWidget(remove);
        buttons->addStretch();
        auto* layout = new QVBoxLayout(widget);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_view, 1);
        layout->addLayout(buttons);
        addInput(m_view);
        connect(add, &QPushButton::clicked, this, &WeightedValuesEditor::addValue);
        connect(remove, &QPushButton::clicked, this, &WeightedValuesEditor::removeValue);
    }

    bool wide() const override { return true; }
    void load(const FieldSpec&) override {}
    void setFieldRef(FieldRef ref) override { m_model->setField(ref); }

private:
    void addValue() {
        const int row = m_model->rowCount();
        if (m_model->insertRows(row, 1)) {
            const QModelIndex index = m_model->index(row, ValuesModel::Value);
            m_view->setCurrentIndex(index);
            m_view->edit(index);
        }
    }

    void removeValue() {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid()) {
            m_model->removeRows(current.row(), 1);
        }
    }

    ValuesModel* m_model;
    QTableView* m_view;
};

} // namespace

bool editsAsWeightedTable(const FieldKind& kind, const FieldOption& list) {
    const auto* member = std::get_if<std::vector<std::string> FieldSpec::*>(&list.member);
    return kind.type == FieldType::String && member && *member == &FieldSpec::values &&
           kind.pairedOption(list) != nullptr;
}

OptionEditor* makeWeightedValuesEditor(const FieldOption& option, Document* document,
                                       QWidget* widget) {
    return new WeightedValuesEditor(option, document, widget);
}

} // namespace streamgen::ui
