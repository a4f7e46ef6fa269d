#include "problems_panel.h"

#include "ui/models/problems_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace streamgen::ui {

ProblemsPanel::ProblemsPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_model(new ProblemsModel(document, this)), m_view(new QTableView(this)),
      m_summary(new QLabel(this)) {
    m_view->setObjectName("problemsView");
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_summary->setObjectName("problemsSummary");

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);

    const auto jump = [this](const QModelIndex& index) {
        if (index.isValid()) {
            emit jumpRequested(m_model->targetOf(index.row()));
        }
    };
    // `activated` is the platform's "open this item": a double-click (or a single click where the
    // style says so) and Return.
    connect(m_view, &QTableView::activated, this, jump);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProblemsPanel::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ProblemsPanel::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ProblemsPanel::updateSummary);
    updateSummary();
}

void ProblemsPanel::updateSummary() {
    const int count = m_model->rowCount();
    m_summary->setText(count == 0
                           ? tr("No problems: the config is valid.")
                           : tr("%n problem(s); double-click one to go there.", nullptr, count));
    m_view->resizeRowsToContents();
}

} // namespace streamgen::ui
