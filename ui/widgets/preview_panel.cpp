#include "preview_panel.h"

#include "ui/document.h"
#include "ui/edit_command.h"
#include "ui/models/preview_model.h"
#include "ui/models/preview_service.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace streamgen::ui {

PreviewPanel::PreviewPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_model(new PreviewModel(this)),
      m_service(new PreviewService(document, this)), m_count(new QSpinBox(this)),
      m_scope(new QComboBox(this)), m_view(new QTableView(this)),
      m_payloads(new QPlainTextEdit(this)), m_status(new QLabel(this)) {
    m_count->setObjectName("previewCount");
    m_count->setRange(1, 1000);
    m_count->setValue(kDefaultCount);
    m_count->setSuffix(tr(" rows"));
    m_scope->setObjectName("previewScope");
    m_scope->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* reseed =
        new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reseed"), this);
    reseed->setObjectName("reseed");
    reseed->setToolTip(tr("Pick a new random seed for the config (undoable)"));

    m_view->setObjectName("previewView");
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setMaximumSectionSize(320);
    m_payloads->setObjectName("previewPayloads");
    m_payloads->setReadOnly(true);
    m_payloads->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_payloads->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_status->setObjectName("previewStatus");
    m_status->setWordWrap(true);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Show"), this));
    controls->addWidget(m_count);
    controls->addWidget(new QLabel(tr("of"), this));
    controls->addWidget(m_scope, 1);
    controls->addWidget(reseed);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName("previewSplitter");
    splitter->addWidget(m_view);
    splitter->addWidget(m_payloads);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_count, &QSpinBox::valueChanged, m_service, &PreviewService::setCount);
    connect(m_scope, &QComboBox::activated, this,
            [this] { m_service->setEventType(m_scope->currentData().toInt()); });
    connect(reseed, &QPushButton::clicked, this, &PreviewPanel::reseed);
    connect(m_service, &PreviewService::previewReady, this, &PreviewPanel::showRows);
    connect(m_service, &PreviewService::previewFailed, this, &PreviewPanel::showFailure);
    connect(m_document, &Document::changed, this, &PreviewPanel::onDocumentChanged);
    m_service->setCount(kDefaultCount);
    reloadScopes(true);
    m_service->refreshNow();
}

void PreviewPanel::onDocumentChanged(const DocumentChange& change) {
    if (change.kind == DocumentChange::Kind::Structure) {
        reloadScopes(true);
    } else if (change.kind == DocumentChange::Kind::EventType) {
        // One type's own values changed (a rename among them): the types did not move.
        reloadScopes(false);
    }
}

void PreviewPanel::reloadScopes(bool matchById) {
    // An empty combo (first load) has no current data; it means the mixed stream, not type 0.
    const int current = m_scope->currentIndex() >= 0 ? m_scope->currentData().toInt() : -1;
    const QString currentId = current >= 0 ? m_scope->currentText() : QString();
    const QSignalBlocker blocker(m_scope);
    m_scope->clear();
    m_scope->addItem(tr("mixed stream"), -1);
    const auto& types = m_document->config().eventTypes;
    int byId = -1;
    for (std::size_t i = 0; i < types.size(); ++i) {
        const QString id = QString::fromStdString(types[i].id);
        m_scope->addItem(id, static_cast<int>(i));
        if (matchById && current >= 0 && byId < 0 && id == currentId) {
            byId = m_scope->count() - 1;
        }
    }
    int selected = 0; // the mixed stream
    if (byId >= 0) {
        selected = byId;
    } else if (current >= 0 && current < static_cast<int>(types.size())) {
        // Renamed in the YAML or in the table: the same position is the same type.
        selected = current + 1;
    }
    m_scope->setCurrentIndex(selected);
    const int type = m_scope->currentData().toInt();
    if (type != current) {
        m_service->setEventType(type);
    }
}

void PreviewPanel::reseed() {
    Config settings = runSettingsOf(m_document->config());
    settings.seed = QRandomGenerator::global()->bounded(1u, 2147483647u);
    m_document->setRunSettings(settings);
}

void PreviewPanel::showRows(const QStringList& lines) {
    m_model->setTable(m_service->rows(), m_service->binary(), lines);
    m_payloads->setPlainText(lines.join('\n'));
    m_status->setText(tr("%n event(s) from seed %1 in %2, as `streamgen preview` prints them",
                         nullptr, int(m_service->rows().size()))
                          .arg(m_document->config().seed)
                          .arg(QString::fromStdString(m_document->config().serializationFormat)));
    m_status->setStyleSheet({});
    emit updated();
}

void PreviewPanel::showFailure(const QString& message) {
    m_status->setText(tr("No preview: %1").arg(message));
    m_status->setStyleSheet("color: #c9302c;");
}

} // namespace streamgen::ui
