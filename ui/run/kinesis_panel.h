#pragma once

#include <QTimer>
#include <QWidget>
#include <string>
#include <vector>

class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;

namespace streamgen::ui {

class ConnectionTest;
class Document;

/// The Kinesis sink's part of the run dashboard: "Test connection" (the stream exists and its
/// open shards, asked off the GUI thread) and the shard load: the share of records each shard
/// would take from the partition keys of 10,000 events, so that hot shards show before a run.
class KinesisPanel : public QWidget {
    Q_OBJECT
public:
    explicit KinesisPanel(Document* document, QWidget* parent = nullptr);

    static bool appliesTo(const std::string& sinkType);

    QPushButton* testButton() const;
    QSpinBox* shardsSpin() const { return m_shards; }
    QLabel* loadLabel() const { return m_load; }
    /// The shares the plot shows, by shard.
    const std::vector<double>& shares() const { return m_shares; }
    void testConnection();
    /// Recomputes the shard load from the document now.
    void refreshLoad();

signals:
    void testFinished(bool ok, const QString& message);

private:
    Document* m_document;
    ConnectionTest* m_test;
    QSpinBox* m_shards;
    QCustomPlot* m_plot;
    QLabel* m_load;
    QTimer m_refresh;
    std::vector<double> m_shares;
};

} // namespace streamgen::ui
