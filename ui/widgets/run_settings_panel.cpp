#include "run_settings_panel.h"

#include "model/secrets.h"
#include "ui/document.h"
#include "ui/edit_command.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace streamgen::ui {

namespace {

const QStringList kSinkTypes{"null", "stdout", "file", "kafka", "kinesis", "eventhubs", "delta"};

void setComboText(QComboBox* combo, const QString& text) {
    const QSignalBlocker blocker(combo);
    int index = combo->findText(text);
    if (index < 0) {
        combo->addItem(text);
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

bool RunSettingsPanel::looksSecret(const QString& key) {
    const QString k = key.toLower();
    for (const char* word : {"key", "secret", "password", "token", "connection_string"}) {
        if (k.contains(QLatin1String(word))) {
            return true;
        }
    }
    return false;
}

RunSettingsPanel::RunSettingsPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_mode(new QComboBox(this)),
      m_rate(new QDoubleSpinBox(this)), m_totalRows(new QLineEdit(this)),
      m_partitions(new QSpinBox(this)), m_seed(new QLineEdit(this)), m_format(new QComboBox(this)),
      m_sinkType(new QComboBox(this)), m_optionsGrid(new QGridLayout), m_error(new QLabel(this)) {
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
    m_format->addItem("json");
    m_sinkType->setObjectName("sinkType");
    m_sinkType->addItems(kSinkTypes);
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
    sinkLayout->addLayout(m_optionsGrid);
    auto* addOption =
        new QPushButton(style()->standardIcon(QStyle::SP_FileIcon), tr("Add option"), sink);
    addOption->setObjectName("addSinkOption");
    auto* secretsHint = new QLabel(tr("Enter credentials as references: <tt>${ENV_VAR}</tt> or "
                                      "<tt>{{secrets/scope/key}}</tt>; saved files keep the "
                                      "reference, never the value."),
                                   sink);
    secretsHint->setWordWrap(true);
    secretsHint->setEnabled(false);
    sinkLayout->addWidget(addOption, 0, Qt::AlignLeft);
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
    connect(addOption, &QPushButton::clicked, this, [this] {
        addOptionRow({}, {});
        m_rows.last().key->setFocus();
    });
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
    setComboText(m_sinkType, QString::fromStdString(config.sink.type));
    m_error->hide();
    loadOptions();
    m_loading = false;
}

void RunSettingsPanel::loadOptions() {
    for (const OptionRow& row : m_rows) {
        for (QWidget* widget : {static_cast<QWidget*>(row.key), static_cast<QWidget*>(row.value),
                                row.reveal, row.remove, static_cast<QWidget*>(row.hint)}) {
            // Hiding a focused line edit emits editingFinished; load() runs inside undo and redo,
            // where a commit would push onto the undo stack mid-command. The row is going away,
            // so nothing it emits from now on is an edit.
            disconnect(widget, nullptr, this, nullptr);
            // Later: a row's own remove button may be the sender of the signal being handled.
            widget->hide();
            m_optionsGrid->removeWidget(widget);
            widget->deleteLater();
        }
    }
    m_rows.clear();
    m_nested.clear();
    for (const auto& [key, node] : m_document->config().sink.options.entries) {
        if (node.kind == OptionNode::Kind::Scalar || node.kind == OptionNode::Kind::Null) {
            addOptionRow(QString::fromStdString(key), QString::fromStdString(node.scalar));
        } else {
            m_nested.emplace_back(key, node);
        }
    }
}

void RunSettingsPanel::addOptionRow(const QString& key, const QString& value) {
    const int row = static_cast<int>(m_rows.size());
    const int gridRow = row * 2;
    OptionRow option{new QLineEdit(key, this), new QLineEdit(value, this), nullptr, nullptr,
                     new QLabel(this)};
    option.key->setPlaceholderText(tr("option"));
    option.key->setObjectName(QStringLiteral("optionKey%1").arg(row));
    option.value->setObjectName(QStringLiteral("optionValue%1").arg(row));
    auto* reveal = new QToolButton(this);
    reveal->setCheckable(true);
    reveal->setText(tr("Show"));
    reveal->setToolTip(tr("Show or hide the value"));
    option.reveal = reveal;
    auto* remove = new QToolButton(this);
    remove->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
    remove->setToolTip(tr("Remove option"));
    option.remove = remove;
    option.hint->setWordWrap(true);
    option.hint->setStyleSheet("color: #8a6d3b;");
    m_optionsGrid->addWidget(option.key, gridRow, 0);
    m_optionsGrid->addWidget(option.value, gridRow, 1);
    m_optionsGrid->addWidget(reveal, gridRow, 2);
    m_optionsGrid->addWidget(remove, gridRow, 3);
    m_optionsGrid->addWidget(option.hint, gridRow + 1, 1, 1, 3);
    m_optionsGrid->setColumnStretch(1, 1);
    m_rows.append(option);
    updateRowSecrecy(row);

    const auto commitRow = [this, option] { commitOptions("sink." + option.key->text()); };
    connect(option.key, &QLineEdit::editingFinished, this, commitRow);
    connect(option.value, &QLineEdit::textEdited, this, [this, row, commitRow] {
        updateRowSecrecy(row);
        commitRow();
    });
    connect(option.key, &QLineEdit::textEdited, this, [this, row] { updateRowSecrecy(row); });
    connect(reveal, &QToolButton::toggled, this, [this, row] { updateRowSecrecy(row); });
    connect(remove, &QToolButton::clicked, this, [this, row] {
        m_rows[row].key->clear();
        commitOptions({});
        load();
    });
}

void RunSettingsPanel::updateRowSecrecy(int row) {
    const OptionRow& option = m_rows[row];
    const std::string value = option.value->text().toStdString();
    const bool reference = isSecretReference(value);
    const bool secretKey = looksSecret(option.key->text());
    // References name where a secret lives, not the secret, so they stay readable; plain values
    // under credential-like keys are hidden until revealed.
    const bool hide = secretKey && !reference && !value.empty() &&
                      !static_cast<QToolButton*>(option.reveal)->isChecked();
    option.value->setEchoMode(hide ? QLineEdit::Password : QLineEdit::Normal);
    option.reveal->setVisible(secretKey && !reference);
    option.value->setToolTip(QString::fromStdString(maskSecret(value)));
    const bool warn = secretKey && !reference && !value.empty();
    option.hint->setText(warn ? tr("This looks like a credential: prefer a reference such as "
                                   "${%1} so that the file never holds the value.")
                                    .arg(option.key->text().toUpper())
                              : QString());
    option.hint->setVisible(warn);
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
        settings.serializationFormat = m_format->currentText().toStdString();
        break;
    case Setting::SinkType:
        settings.sink.type = m_sinkType->currentText().toStdString();
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

void RunSettingsPanel::commitOptions(const QString& mergeKey) {
    if (m_loading) {
        return;
    }
    Config settings = runSettingsOf(m_document->config());
    OptionNode options;
    options.kind = OptionNode::Kind::Map;
    for (const OptionRow& row : m_rows) {
        const std::string key = row.key->text().trimmed().toStdString();
        if (!key.empty() && key != "type" && !options.find(key)) {
            options.set(key, row.value->text().toStdString());
        }
    }
    for (const auto& entry : m_nested) {
        if (!options.find(entry.first)) {
            options.entries.push_back(entry);
        }
    }
    if (options.entries.empty()) {
        options = OptionNode{};
    }
    settings.sink.options = options;
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
