#pragma once

#include "ui/models/problem_paths.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace streamgen::ui {

class Document;
class ProblemsModel;

/// The validation problems of the document; double-clicking one (or Return) asks to jump to the
/// cell it is about.
class ProblemsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProblemsPanel(Document* document, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    ProblemsModel* model() const { return m_model; }

signals:
    void jumpRequested(const streamgen::ui::ProblemTarget& target);

private:
    void updateSummary();

    ProblemsModel* m_model;
    QTableView* m_view;
    QLabel* m_summary;
};

} // namespace streamgen::ui
