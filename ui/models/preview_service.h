#pragma once

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

signals:
    void previewReady(const QStringList& payloads);
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
    bool m_running = false;
    bool m_rerun = false; ///< a request came while a computation was running
};

} // namespace streamgen::ui
