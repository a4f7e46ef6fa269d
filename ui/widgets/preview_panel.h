#pragma once

#include "ui/document_change.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QTableView;

namespace streamgen::ui {

class Document;
class PreviewModel;
class PreviewService;

/// Sample events from the engine, as a table and as the serialized payload (one JSON per line),
/// for the mixed stream or one event type. Refreshed by the preview service after every edit.
class PreviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit PreviewPanel(Document* document, QWidget* parent = nullptr);

    PreviewModel* model() const { return m_model; }
    PreviewService* service() const { return m_service; }
    QTableView* view() const { return m_view; }
    QPlainTextEdit* payloadView() const { return m_payloads; }
    QSpinBox* countSpin() const { return m_count; }
    QComboBox* scopeCombo() const { return m_scope; }

    static constexpr int kDefaultCount = 20;

signals:
    /// New rows are shown (after every refresh that succeeded).
    void updated();

private:
    void onDocumentChanged(const DocumentChange& change);
    /// Rebuilds the scope list. `matchById`: the types may have moved, so the chosen one is found
    /// by its id (falling back to its index); otherwise it keeps its index (e.g. a rename).
    void reloadScopes(bool matchById);
    void reseed();
    void showRows(const QStringList& payloads);
    void showFailure(const QString& message);

    Document* m_document;
    PreviewModel* m_model;
    PreviewService* m_service;
    QSpinBox* m_count;
    QComboBox* m_scope;
    QTableView* m_view;
    QPlainTextEdit* m_payloads;
    QLabel* m_status;
};

} // namespace streamgen::ui
