#include "run_settings_panel.h"

#include "engine/encoders/format.h"
#include "ui/document.h"
#include "ui/edit_command.h"
#include "ui/run/sink_options_form.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace streamgen::ui {

namespace {

void setComboText(QComboBox* combo, const QString& text) {
    const QSignalBlocker blocker(combo);
    int index = combo->findText(text);
    if (index < 0) {
        combo->addItem(text, text);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

void setLineText(QLineEdit* edit, const QString& text) {
    if (edit->text() != text) {
        const QSignalBlocker blocker(edit);
        edit->setText(text);
    }
}

} // namespace

RunSettingsPanel::RunSettingsPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_mode(new QComboBox(this)),
      m_rate(new QDoubleSpinBox(this)), m_totalRows(new QLineEdit(this)),
      m_partitions(new QSpinBox(this)), m_seed(new QLineEdit(this)), m_format(new QComboBox(this)),
      m_sinkType(new QComboBox(this)),
      m_sinkOptions(new SinkOptionsForm(document, SinkOptionsForm::Scope::All, this)),
      m_error(new QLabel(this)) {
    m_mode->setObjectName("generationMode");
    m_mode->addItems({"streaming", "batch"});
    m_rate->setObjectName("rowsPerSecond");
    m_rate->setRange(0.0, 1e9);
    m_rate->setDecimals(1);
    m_rate->setSuffix(tr(" rows/s"));
    m_rate->setSpecialValueText(tr("unlimited"));
    m_totalRows->setObjectName("totalRows");
    m_partitions->setObjectName("partitions");
    m_partitions->setRange(0, 1000000);
    m_seed->setObjectName("seed");
    m_seed->setToolTip(tr("Same config + seed = the same events, in the Studio and in "
                          "`streamgen run`"));
    m_format->setObjectName("serializationFormat");
    for (const FormatInfo& format : formats()) {
        m_format->addItem(format.name, QString(format.name));
        m_format->setItemData(m_format->count() - 1, QString(format.description),
                              Qt::ToolTipRole);
    }
    m_sinkType->setObjectName("sinkType");
    addSinkItems(m_sinkType);
    m_error->setStyleSheet("color: #c9302c;");
    m_error->setWordWrap(true);
    m_error->hide();

    auto* seedButton = new QPushButton(tr("Random seed"), this);
    seedButton->setObjectName("randomSeed");
    auto* seedRow = new QHBoxLayout;
    seedRow->addWidget(m_seed, 1);
    seedRow->addWidget(seedButton);

    auto* generation = new QGroupBox(tr("Generation"), this);
    auto* form = new QFormLayout(generation);
    form->addRow(tr("Mode:"), m_mode);
    form->addRow(tr("Total rate:"), m_rate);
    form->addRow(tr("Total rows (batch):"), m_totalRows);
    form->addRow(tr("Partitions (batch):"), m_partitions);
    form->addRow(tr("Seed:"), seedRow);
    form->addRow(tr("Serialization:"), m_format);
    form->addRow(m_error);

    auto* sink = new QGroupBox(tr("Sink"), this);
    auto* sinkLayout = new QVBoxLayout(sink);
    auto* sinkForm = new QFormLayout;
    sinkForm->addRow(tr("Type:"), m_sinkType);
    sinkLayout->addLayout(sinkForm);
    sinkLayout->addWidget(m_sinkOptions);
    auto* secretsHint = new QLabel(tr("Enter credentials as references: <tt>${ENV_VAR}</tt> or "
                                      "<tt>{{secrets/scope/key}}</tt>; saved files keep the "
                                      "reference, never the value."),
                                   sink);
    secretsHint->setWordWrap(true);
    secretsHint->setEnabled(false);
    sinkLayout->addWidget(secretsHint);

    auto* content = new QWidget(this);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(generation);
    contentLayout->addWidget(sink);
    contentLayout->addStretch();
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_mode, &QComboBox::activated, this, [this] { commit(Setting::Mode, "mode"); });
    connect(m_rate, &QDoubleSpinBox::valueChanged, this, [this] { commit(Setting::Rate, "rate"); });
    connect(m_totalRows, &QLineEdit::textEdited, this,
            [this] { commit(Setting::TotalRows, "total_rows"); });
    connect(m_partitions, &QSpinBox::valueChanged, this,
            [this] { commit(Setting::Partitions, "partitions"); });
    connect(m_seed, &QLineEdit::textEdited, this, [this] { commit(Setting::Seed, "seed"); });
    connect(seedButton, &QPushButton::clicked, this, &RunSettingsPanel::randomSeed);
    connect(m_format, &QComboBox::activated, this, [this] { commit(Setting::Format, "format"); });
    connect(m_sinkType, &QComboBox::activated, this,
            [this] { commit(Setting::SinkType, "sink_type"); });
    connect(m_document, &Document::changed, this, [this](const DocumentChange& change) {
        if (!m_committing && (change.kind == DocumentChange::Kind::RunSettings ||
                              change.kind == DocumentChange::Kind::Structure)) {
            load();
        }
    });
    load();
}

void RunSettingsPanel::load() {
    m_loading = true;
    const Config& config = m_document->config();
    const bool streaming = config.generationMode == GenerationMode::Streaming;
    setComboText(m_mode, streaming ? "streaming" : "batch");
    {
        const QSignalBlocker a(m_rate);
        const QSignalBlocker b(m_partitions);
        m_rate->setValue(config.totalRowsPerSecond);
        m_partitions->setValue(config.batchPartitions);
    }
    m_rate->setEnabled(streaming);
    m_totalRows->setEnabled(!streaming);
    m_partitions->setEnabled(!streaming);
    setLineText(m_totalRows, QString::number(config.batchTotalRows));
    setLineText(m_seed, QString::number(config.seed));
    setComboText(m_format, QString::fromStdString(config.serializationFormat));
    showSinkType(m_sinkType, config.sink.type);
    m_error->hide();
    m_loading = false;
}

void RunSettingsPanel::commit(Setting setting, const QString& mergeKey) {
    if (m_loading) {
        return;
    }
    Config settings = runSettingsOf(m_document->config());
    switch (setting) {
    case Setting::Mode:
        settings.generationMode =
            m_mode->currentText() == "batch" ? GenerationMode::Batch : GenerationMode::Streaming;
        break;
    case Setting::Rate:
        settings.totalRowsPerSecond = m_rate->value();
        break;
    case Setting::Partitions:
        settings.batchPartitions = m_partitions->value();
        break;
    case Setting::Format:
        settings.serializationFormat = m_format->currentData().toString().toStdString();
        break;
    case Setting::SinkType:
        settings.sink.type = m_sinkType->currentData().toString().toStdString();
        break;
    case Setting::TotalRows:
    case Setting::Seed:
        break; // text fields: parsed and checked below
    }
    bool rowsOk = false;
    const qlonglong rows = m_totalRows->text().trimmed().toLongLong(&rowsOk);
    bool seedOk = false;
    const qulonglong seed = m_seed->text().trimmed().toULongLong(&seedOk);
    QStringList errors;
    if (!rowsOk) {
        errors << tr("Total rows: `%1` is not a whole number").arg(m_totalRows->text());
    }
    if (!seedOk) {
        errors << tr("Seed: `%1` is not a whole number >= 0").arg(m_seed->text());
    }
    m_totalRows->setStyleSheet(rowsOk ? QString() : "border: 1px solid #d9534f;");
    m_seed->setStyleSheet(seedOk ? QString() : "border: 1px solid #d9534f;");
    // Both texts are checked so that the message lists every broken one, but only the edited
    // one is written.
    if (setting == Setting::TotalRows && rowsOk) {
        settings.batchTotalRows = rows;
    }
    if (setting == Setting::Seed && seedOk) {
        settings.seed = seed;
    }
    m_error->setText(errors.join('\n'));
    m_error->setVisible(!errors.isEmpty());
    const bool streaming = settings.generationMode == GenerationMode::Streaming;
    m_rate->setEnabled(streaming);
    m_totalRows->setEnabled(!streaming);
    m_partitions->setEnabled(!streaming);
    m_committing = true;
    m_document->setRunSettings(settings, mergeKey);
    m_committing = false;
}

void RunSettingsPanel::randomSeed() {
    setLineText(m_seed, QString::number(QRandomGenerator::global()->bounded(1u, 2147483647u)));
    // No merge key: a new random seed is its own undo step, not part of typing a seed.
    commit(Setting::Seed, {});
}

} // namespace streamgen::ui
