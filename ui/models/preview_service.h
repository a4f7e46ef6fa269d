#pragma once

#include "preview_model.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

namespace streamgen::ui {

class Document;

/// Keeps a preview of the document's first events up to date. After every change it waits for a
/// short pause in typing, then compiles the plan and renders the events on a worker thread with
/// the engine's own `previewEvents`, so the rows are exactly what `streamgen preview` prints for
/// the same config. Results of superseded configs are dropped.
class PreviewService : public QObject {
    Q_OBJECT
public:
    static constexpr int kDebounceMs = 30;

    explicit PreviewService(Document* document, QObject* parent = nullptr);
    ~PreviewService() override;

    /// Number of events to show (default 20).
    void setCount(int count);
    int count() const { return m_count; }
    /// Index of the event type to show, or -1 for the mixed stream.
    void setEventType(int type);
    int eventType() const { return m_type; }
    /// Starts a preview now instead of after the pause.
    void refreshNow();
    /// A preview is being computed or waits for the pause to end.
    bool isPending() const;

    /// The newest preview's typed rows, set before `previewReady` is emitted.
    const QList<PreviewModel::Row>& rows() const { return m_rows; }
    /// The newest preview is in a binary format (rows then carry their size in bytes).
    bool binary() const { return m_binary; }

signals:
    /// `lines` are what `streamgen preview` prints for the same config (see previewText).
    void previewReady(const QStringList& lines);
    void previewFailed(const QString& message);

private:
    struct Result;
    void start();
    void finish(quint64 generation, const Result& result);

    Document* m_document;
    QTimer m_debounce;
    int m_count = 20;
    int m_type = -1;
    quint64 m_generation = 0; ///< the newest request; older results are stale
    QList<PreviewModel::Row> m_rows;
    bool m_binary = false;
    bool m_running = false;
    bool m_rerun = false; ///< a request came while a computation was running
};

} // namespace streamgen::ui
