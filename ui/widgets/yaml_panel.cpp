#include "yaml_panel.h"

#include "model/config_io.h"
#include "ui/document.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

namespace streamgen::ui {

YamlPanel::YamlPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_editor(new QPlainTextEdit(this)),
      m_status(new QLabel(this)), m_apply(new QPushButton(tr("Apply"), this)),
      m_revert(new QPushButton(tr("Revert"), this)), m_timer(new QTimer(this)) {
    m_editor->setObjectName("yamlEditor");
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setTabChangesFocus(false);
    m_status->setObjectName("yamlStatus");
    m_status->setWordWrap(true);
    m_apply->setObjectName("applyYaml");
    m_apply->setToolTip(tr("Apply the text to the document (Ctrl+Return)"));
    m_revert->setObjectName("revertYaml");
    m_revert->setToolTip(tr("Discard your text and show the document"));
    // Only offered when the document changed under unapplied text.
    m_revert->hide();
    m_timer->setSingleShot(true);
    m_timer->setInterval(kApplyDelayMs);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_revert);
    bottom->addWidget(m_apply);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor, 1);
    layout->addLayout(bottom);

    auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_editor);
    shortcut->setContext(Qt::WidgetShortcut);
    connect(shortcut, &QShortcut::activated, this, &YamlPanel::apply);
    connect(m_apply, &QPushButton::clicked, this, &YamlPanel::apply);
    connect(m_revert, &QPushButton::clicked, this, &YamlPanel::revert);
    connect(m_timer, &QTimer::timeout, this, &YamlPanel::apply);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &YamlPanel::onTextEdited);
    connect(m_document, &Document::changed, this, &YamlPanel::onDocumentChanged);
    connect(m_document, &Document::brokenTextChanged, this, &YamlPanel::onBrokenTextChanged);
    onBrokenTextChanged();
}

void YamlPanel::onDocumentChanged() {
    // The config this panel just applied comes back here: keep the user's text (its comments and
    // layout) instead of replacing it with the writer's rendering.
    if (m_applying) {
        return;
    }
    // The config is what was read from the broken text shown here: nothing to catch up with.
    if (m_document->brokenText() && !m_document->configEditedSinceBrokenText()) {
        return;
    }
    const QString text = QString::fromStdString(saveConfigString(m_document->config()));
    if (text == m_editor->toPlainText()) {
        return;
    }
    // Text the user has not applied yet (waiting for the pause, or not parsing) would be lost by
    // replacing it; neither side wins silently: the user picks Apply or Revert.
    if (m_timer->isActive() || !m_errorMessage.isEmpty() || m_outOfDate) {
        m_timer->stop();
        m_outOfDate = true;
        showOutOfDate();
        return;
    }
    setText(text);
    showError({}, 0);
}

void YamlPanel::onBrokenTextChanged() {
    if (m_applying) {
        return;
    }
    m_timer->stop();
    m_outOfDate = false;
    m_revert->hide();
    const BrokenText* broken = m_document->brokenText();
    if (!broken) {
        setText(QString::fromStdString(saveConfigString(m_document->config())));
        showError({}, 0);
        return;
    }
    // Replacing equal text would only throw away the editor's own undo history.
    const QString text = broken->text();
    if (text != m_editor->toPlainText()) {
        setText(text);
    }
    showTextProblem();
    if (m_document->configEditedSinceBrokenText()) {
        m_outOfDate = true;
        showOutOfDate();
    }
}

void YamlPanel::showTextProblem() {
    const BrokenText* broken = m_document->brokenText();
    if (!broken) {
        return;
    }
    for (const Diagnostic& diagnostic : broken->problems) {
        if (diagnostic.isError()) {
            showError(QString::fromStdString(diagnostic.message), diagnostic.location.line);
            return;
        }
    }
}

void YamlPanel::setText(const QString& text) {
    QTextCursor cursor = m_editor->textCursor();
    const int line = cursor.blockNumber();
    const int column = cursor.positionInBlock();
    const int scroll = m_editor->verticalScrollBar()->value();
    m_settingText = true;
    m_editor->setPlainText(text);
    m_settingText = false;
    m_timer->stop();
    const QTextBlock block = m_editor->document()->findBlockByNumber(
        std::min(line, m_editor->document()->blockCount() - 1));
    cursor = QTextCursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                        std::min(column, block.length() - 1));
    m_editor->setTextCursor(cursor);
    m_editor->verticalScrollBar()->setValue(scroll);
}

void YamlPanel::revert() {
    m_outOfDate = false;
    m_revert->hide();
    if (m_document->brokenText()) {
        m_document->discardBrokenText(); // shown by onBrokenTextChanged
        return;
    }
    setText(QString::fromStdString(saveConfigString(m_document->config())));
    showError({}, 0);
}

void YamlPanel::showOutOfDate() {
    QString text = tr("The document changed; your text is not applied — Apply or Revert");
    if (!m_errorMessage.isEmpty()) {
        text += QStringLiteral("\n") + m_errorMessage;
    }
    m_status->setText(text);
    m_status->setToolTip(text);
    m_status->setStyleSheet("color: #c9302c;");
    m_revert->show();
}

void YamlPanel::onTextEdited() {
    if (m_settingText) {
        return;
    }
    if (m_outOfDate) {
        // Applying after a pause would overwrite the document's newer change unasked.
        showOutOfDate();
        return;
    }
    m_status->setText(tr("Edited; applies after a pause (Ctrl+Return applies now)"));
    m_timer->start();
}

bool YamlPanel::apply() {
    m_timer->stop();
    m_applying = true;
    const bool applied = m_document->applyText(m_editor->toPlainText(), tr("Edit YAML"));
    m_applying = false;
    if (!applied) {
        showTextProblem();
        if (m_outOfDate) {
            showOutOfDate();
        }
        return false;
    }
    m_outOfDate = false;
    m_revert->hide();
    showError({}, 0);
    return true;
}

void YamlPanel::showError(const QString& message, int line) {
    m_errorLine = message.isEmpty() ? 0 : line;
    QList<QTextEdit::ExtraSelection> selections;
    if (!message.isEmpty()) {
        const QString text = line > 0 ? tr("Line %1: %2").arg(line).arg(message) : message;
        m_errorMessage = text;
        m_status->setText(text);
        m_status->setToolTip(text);
        m_status->setStyleSheet("color: #c9302c;");
        if (line > 0) {
            QTextEdit::ExtraSelection selection;
            selection.format.setBackground(QColor(255, 220, 220));
            selection.format.setProperty(QTextFormat::FullWidthSelection, true);
            selection.cursor = QTextCursor(m_editor->document()->findBlockByNumber(line - 1));
            selections << selection;
        }
    } else {
        m_errorMessage.clear();
        m_status->setText(tr("In sync with the document"));
        m_status->setToolTip({});
        m_status->setStyleSheet({});
    }
    m_editor->setExtraSelections(selections);
}

} // namespace streamgen::ui
