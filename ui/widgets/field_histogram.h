#pragma once

#include "ui/document_change.h"

#include <QList>
#include <QStringList>
#include <QTimer>
#include <QWidget>
#include <memory>

class QCustomPlot;
class QLabel;

namespace streamgen {
struct FieldSample;
} // namespace streamgen

namespace streamgen::ui {

class Document;

/// How the selected field's values fall over many events of its type (engine/field_sample.h):
/// a histogram for numbers, timestamps and dates, with the curve its distribution promises;
/// the most frequent values for strings, booleans and UUIDs; and the share of nulls. Common
/// fields are drawn over the mixed stream.
///
/// Like the preview, it follows the document after a short pause in typing and draws on a
/// worker thread, one computation at a time; results of superseded requests are dropped.
class FieldHistogram : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDebounceMs = 150;

    explicit FieldHistogram(Document* document, QWidget* parent = nullptr);
    ~FieldHistogram() override;

    void setField(FieldRef ref);
    FieldRef field() const { return m_ref; }
    /// Starts drawing now instead of after the pause.
    void refreshNow();
    /// A sample is being drawn or waits for the pause to end.
    bool isPending() const;

    /// What is shown, for tests: the bars' heights (bins, or the most frequent values that fit
    /// the height, then "other" when values are left), the categories' labels (empty for a
    /// histogram), the bins' edges (empty for categories), the expected curve in counts per bin
    /// (empty when there is none), and the caption.
    const QList<double>& shownCounts() const { return m_counts; }
    const QStringList& shownLabels() const { return m_labels; }
    const QList<double>& shownEdges() const { return m_edges; }
    const QList<double>& shownExpected() const { return m_expected; }
    QString caption() const;
    QCustomPlot* customPlot() const { return m_plot; }

signals:
    /// A new sample or a message replaced what was shown.
    void shown();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Result;
    void start();
    void finish(quint64 generation, const Result& result);
    void showResult(const Result& result, bool announce = true);
    void showNumeric(const FieldSample& sample, const std::vector<double>& expected);
    void showCategories(const FieldSample& sample);
    /// Rows of categories the plot has room for, "other" included.
    int rowsThatFit() const;
    void showMessage(const QString& message);
    void clearPlot();

    Document* m_document;
    FieldRef m_ref{-1, -1};
    QLabel* m_caption;
    QCustomPlot* m_plot;
    QTimer m_debounce;
    quint64 m_generation = 0; ///< the newest request; older results are stale
    bool m_running = false;
    bool m_rerun = false; ///< a request came while a sample was being drawn

    /// The categories shown, drawn again when the plot's height changes the rows that fit.
    std::unique_ptr<Result> m_categories;
    int m_rows = 0;

    QList<double> m_counts;
    QStringList m_labels;
    QList<double> m_edges;
    QList<double> m_expected;
};

} // namespace streamgen::ui
