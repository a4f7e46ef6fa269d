#pragma once

#include "ui/document_change.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace streamgen::ui {

class Document;

/// The document as YAML, kept in sync both ways: document changes replace the text; the user's
/// edits are parsed after a short pause (or on Apply / Ctrl+Return) and, when they read
/// completely, replace the config in one undo step. A broken text leaves the config alone,
/// becomes the document's broken text and points at the first error's line; a document opened
/// with a broken text shows it the same way. A document change while the text is not applied
/// keeps the text and asks the user to Apply or Revert.
class YamlPanel : public QWidget {
    Q_OBJECT
public:
    explicit YamlPanel(Document* document, QWidget* parent = nullptr);

    QPlainTextEdit* editor() const { return m_editor; }
    /// The error shown for the text ("" when it applied cleanly).
    QString errorText() const { return m_errorMessage; }
    /// The 1-based line highlighted as the first error's, or 0.
    int errorLine() const { return m_errorLine; }
    /// Parses the text now; returns true when the document took it.
    bool apply();
    /// Discards the text and shows the document's YAML.
    void revert();
    /// The document changed while the text was not applied; the text was kept.
    bool isOutOfDate() const { return m_outOfDate; }

    static constexpr int kApplyDelayMs = 600;

private:
    void onDocumentChanged();
    void onBrokenTextChanged();
    void onTextEdited();
    /// Points at the first reason why the document's broken text does not load.
    void showTextProblem();
    void showError(const QString& message, int line);
    void showOutOfDate();
    /// Replaces the text, keeping the cursor's line and column and the scroll position.
    void setText(const QString& text);

    Document* m_document;
    QPlainTextEdit* m_editor;
    QLabel* m_status;
    QPushButton* m_apply;
    QPushButton* m_revert;
    QTimer* m_timer;
    bool m_settingText = false;
    bool m_applying = false;
    bool m_outOfDate = false;
    int m_errorLine = 0;
    QString m_errorMessage;
};

} // namespace streamgen::ui
