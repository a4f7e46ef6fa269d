#include "sink_options_form.h"

#include "model/secrets.h"
#include "sinks/sink_registry.h"
#include "ui/document.h"
#include "ui/edit_command.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace streamgen::ui {

namespace {

QString scalarText(const OptionNode* node) {
    return node && node->kind == OptionNode::Kind::Scalar ? QString::fromStdString(node->scalar)
                                                          : QString();
}

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

/// An option the sink does not declare and the form can show as a key and a value.
bool isFreeOption(const SinkDescriptor* sink, const std::string& key, const OptionNode& node) {
    const bool declared = sink != nullptr && sink->option(key) != nullptr;
    return !declared &&
           (node.kind == OptionNode::Kind::Scalar || node.kind == OptionNode::Kind::Null);
}

void eraseEntry(OptionNode& options, const std::string& key) {
    std::erase_if(options.entries, [&key](const auto& entry) { return entry.first == key; });
}

} // namespace

void addSinkItems(QComboBox* combo) {
    for (const SinkDescriptor& sink : sinkRegistry()) {
        combo->addItem(qs(sink.name), qs(sink.name));
        combo->setItemData(combo->count() - 1, qs(sink.description), Qt::ToolTipRole);
    }
}

void showSinkType(QComboBox* combo, const std::string& type) {
    const QSignalBlocker blocker(combo);
    const SinkDescriptor* sink = findSink(type);
    const QString name = qs(sink ? sink->name : type);
    int index = combo->findData(name);
    if (index < 0) {
        combo->addItem(QObject::tr("%1 (not available)").arg(name), name);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

SinkOptionsForm::SinkOptionsForm(Document* document, Scope scope, QWidget* parent)
    : QWidget(parent), m_document(document), m_scope(scope), m_declared(new QFormLayout),
      m_free(new QGridLayout) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_declared->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_declared);
    layout->addLayout(m_free);
    m_free->setColumnStretch(1, 1);
    if (scope == Scope::All) {
        m_addOption =
            new QPushButton(style()->standardIcon(QStyle::SP_FileIcon), tr("Add option"), this);
        m_addOption->setObjectName("addSinkOption");
        m_addOption->setToolTip(tr("An option this sink does not declare; it is kept in the file"));
        layout->addWidget(m_addOption, 0, Qt::AlignLeft);
        connect(m_addOption, &QPushButton::clicked, this, [this] {
            addFreeRow({}, {});
            m_rows.last().key->setFocus();
        });
    }
    connect(document, &Document::changed, this, [this](const DocumentChange& change) {
        if (!m_committing && (change.kind == DocumentChange::Kind::RunSettings ||
                              change.kind == DocumentChange::Kind::Structure)) {
            load();
        }
    });
    load();
}

QWidget* SinkOptionsForm::editor(const QString& option) const {
    for (const Editor& editor : m_editors) {
        if (qs(editor.option->name) == option) {
            return editor.line ? static_cast<QWidget*>(editor.line) : editor.combo;
        }
    }
    return nullptr;
}

template <typename T> T* SinkOptionsForm::own(T* widget) {
    if (widget->parent() == nullptr) {
        widget->setParent(this);
    }
    m_owned << widget;
    return widget;
}

void SinkOptionsForm::load() {
    clear();
    const SinkConfig& sink = m_document->config().sink;
    const SinkDescriptor* descriptor = findSink(sink.type);
    if (descriptor != nullptr) {
        for (const SinkOption& option : descriptor->options) {
            if (m_scope == Scope::All || option.required) {
                addDeclared(option, sink.options.find(option.name));
            }
        }
    }
    if (m_scope == Scope::Required) {
        return;
    }
    std::vector<std::string> nested;
    for (const auto& [key, node] : sink.options.entries) {
        if (isFreeOption(descriptor, key, node)) {
            addFreeRow(qs(key), qs(node.scalar));
        } else if (descriptor == nullptr || descriptor->option(key) == nullptr) {
            nested.push_back(key);
        }
    }
    addNestedNote(nested);
}

void SinkOptionsForm::clear() {
    for (QWidget* widget : m_owned) {
        // Hiding a focused line edit emits editingFinished, and load() runs inside undo and
        // redo, where a commit would push onto the undo stack mid-command: nothing the old rows
        // emit from now on is an edit. They are deleted later, as a row's own button may be the
        // sender of the signal being handled.
        disconnect(widget, nullptr, this, nullptr);
        for (QObject* child : widget->findChildren<QObject*>()) {
            disconnect(child, nullptr, this, nullptr);
        }
        widget->hide();
        m_free->removeWidget(widget);
        widget->deleteLater();
    }
    while (m_declared->rowCount() > 0) {
        const QFormLayout::TakeRowResult row = m_declared->takeRow(0);
        delete row.labelItem;
        delete row.fieldItem;
    }
    m_owned.clear();
    m_editors.clear();
    m_rows.clear();
}

void SinkOptionsForm::addDeclared(const SinkOption& option, const OptionNode* node) {
    Editor editor;
    editor.option = &option;
    if (option.secret) {
        editor.hint = own(new QLabel);
        editor.hint->setWordWrap(true);
        editor.hint->setStyleSheet("color: #8a6d3b;");
    }
    QWidget* field = nullptr;
    if (option.type == OptionType::Map || option.type == OptionType::List) {
        const int entries = node ? static_cast<int>(node->entries.size() + node->items.size()) : 0;
        field =
            own(new QLabel(entries > 0 ? tr("%n entries, edited in the YAML view", nullptr, entries)
                                       : tr("none; edited in the YAML view")));
        field->setEnabled(false);
    } else if (!option.choices.empty() || option.type == OptionType::Boolean) {
        field = makeComboEditor(editor, node);
    } else {
        field = makeLineEditor(editor, node);
    }
    const QString help = qs(option.help);
    field->setToolTip(help);
    auto* label = own(new QLabel(qs(option.name) + (option.required ? " *:" : ":")));
    label->setToolTip(help);
    m_declared->addRow(label, field);
    if (editor.hint) {
        m_declared->addRow(editor.hint);
    }
    m_editors.push_back(editor);
    updateSecrecy(editor);
}

QWidget* SinkOptionsForm::makeLineEditor(Editor& editor, const OptionNode* node) {
    const SinkOption& option = *editor.option;
    auto* box = own(new QWidget);
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    editor.line = new QLineEdit(scalarText(node), box);
    editor.line->setObjectName("sinkOption_" + qs(option.name));
    editor.line->setPlaceholderText(option.required
                                        ? tr("required")
                                        : (option.defaultValue.empty()
                                               ? QString()
                                               : tr("default: %1").arg(qs(option.defaultValue))));
    row->addWidget(editor.line, 1);
    if (option.secret) {
        editor.reveal = new QToolButton(box);
        editor.reveal->setCheckable(true);
        editor.reveal->setText(tr("Show"));
        editor.reveal->setToolTip(tr("Show or hide the value"));
        row->addWidget(editor.reveal);
        connect(editor.reveal, &QToolButton::toggled, this,
                [this, editor] { updateSecrecy(editor); });
    }
    if (option.name == kFolderOption) {
        auto* browse = new QToolButton(box);
        browse->setText(tr("…"));
        browse->setToolTip(tr("Choose the folder"));
        row->addWidget(browse);
        QLineEdit* line = editor.line;
        connect(browse, &QToolButton::clicked, this,
                [this, line, &option] { browseFolder(line, option); });
    }
    connect(editor.line, &QLineEdit::textEdited, this, [this, editor](const QString& text) {
        updateSecrecy(editor);
        commitDeclared(*editor.option, text);
    });
    return box;
}

QWidget* SinkOptionsForm::makeComboEditor(Editor& editor, const OptionNode* node) {
    const SinkOption& option = *editor.option;
    editor.combo = own(new QComboBox);
    editor.combo->setObjectName("sinkOption_" + qs(option.name));
    editor.combo->addItem(option.defaultValue.empty()
                              ? tr("(not set)")
                              : tr("(default: %1)").arg(qs(option.defaultValue)),
                          QString());
    const std::vector<std::string> values = option.type == OptionType::Boolean
                                                ? std::vector<std::string>{"true", "false"}
                                                : option.choices;
    for (const std::string& value : values) {
        editor.combo->addItem(qs(value), qs(value));
    }
    const QString current = scalarText(node);
    int index = editor.combo->findData(current);
    if (index < 0) {
        editor.combo->addItem(current, current); // as written, so that nothing is lost silently
        index = editor.combo->count() - 1;
    }
    editor.combo->setCurrentIndex(index);
    QComboBox* combo = editor.combo;
    connect(combo, &QComboBox::activated, this,
            [this, combo, &option] { commitDeclared(option, combo->currentData().toString()); });
    return combo;
}

void SinkOptionsForm::addFreeRow(const QString& key, const QString& value) {
    const int index = static_cast<int>(m_rows.size());
    FreeRow row{own(new QLineEdit(key)), own(new QLineEdit(value)), own(new QToolButton)};
    row.key->setPlaceholderText(tr("option"));
    row.key->setObjectName(QStringLiteral("optionKey%1").arg(index));
    row.value->setObjectName(QStringLiteral("optionValue%1").arg(index));
    row.remove->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
    row.remove->setToolTip(tr("Remove option"));
    m_free->addWidget(row.key, index, 0);
    m_free->addWidget(row.value, index, 1);
    m_free->addWidget(row.remove, index, 2);
    m_rows.append(row);

    const auto commitRow = [this, row] { commitFree("sink." + row.key->text()); };
    connect(row.key, &QLineEdit::editingFinished, this, commitRow);
    connect(row.value, &QLineEdit::textEdited, this, commitRow);
    connect(row.remove, &QToolButton::clicked, this, [this, row] {
        row.key->clear();
        commitFree({});
        load();
    });
}

void SinkOptionsForm::addNestedNote(const std::vector<std::string>& keys) {
    if (keys.empty()) {
        return;
    }
    QStringList names;
    for (const std::string& key : keys) {
        names << qs(key);
    }
    auto* note = own(new QLabel(
        tr("Kept as written, edited in the YAML view: %1").arg(names.join(QStringLiteral(", ")))));
    note->setWordWrap(true);
    note->setEnabled(false);
    m_free->addWidget(note, static_cast<int>(m_rows.size()) + 1000, 0, 1, 3);
}

void SinkOptionsForm::updateSecrecy(const Editor& editor) {
    if (!editor.option->secret || editor.line == nullptr) {
        return;
    }
    const std::string value = editor.line->text().toStdString();
    // A reference names where the secret lives, not the secret: it stays readable.
    const bool plain = !value.empty() && !isSecretReference(value);
    const bool revealed = editor.reveal != nullptr && editor.reveal->isChecked();
    editor.line->setEchoMode(plain && !revealed ? QLineEdit::Password : QLineEdit::Normal);
    if (editor.reveal) {
        editor.reveal->setVisible(plain);
    }
    editor.hint->setText(plain ? tr("A secret: enter a reference such as ${%1} or "
                                    "{{secrets/scope/key}}, so that the file never holds the "
                                    "value; a value written here is refused.")
                                     .arg(qs(editor.option->name).toUpper())
                               : QString());
    editor.hint->setVisible(plain);
}

void SinkOptionsForm::commitDeclared(const SinkOption& option, const QString& value) {
    OptionNode options = m_document->config().sink.options;
    if (value.isEmpty()) {
        eraseEntry(options, option.name);
    } else {
        options.set(option.name, value.toStdString());
    }
    commitOptions(options, "sink." + qs(option.name));
}

void SinkOptionsForm::commitFree(const QString& mergeKey) {
    const SinkConfig& sink = m_document->config().sink;
    const SinkDescriptor* descriptor = findSink(sink.type);
    OptionNode options;
    options.kind = OptionNode::Kind::Map;
    const auto addRow = [&](const FreeRow& row) {
        const std::string key = row.key->text().trimmed().toStdString();
        const bool taken = key.empty() || key == "type" || options.find(key) != nullptr ||
                           (descriptor != nullptr && descriptor->option(key) != nullptr);
        if (!taken) {
            options.set(key, row.value->text().toStdString());
        }
    };
    // The rows stand for the free entries in file order; the other entries keep their places.
    int next = 0;
    for (const auto& [key, node] : sink.options.entries) {
        if (!isFreeOption(descriptor, key, node)) {
            if (options.find(key) == nullptr) {
                options.entries.emplace_back(key, node);
            }
        } else if (next < m_rows.size()) {
            addRow(m_rows[next++]);
        }
    }
    while (next < m_rows.size()) {
        addRow(m_rows[next++]);
    }
    commitOptions(options, mergeKey);
}

void SinkOptionsForm::commitOptions(const OptionNode& options, const QString& mergeKey) {
    Config settings = runSettingsOf(m_document->config());
    settings.sink.options = options.entries.empty() ? OptionNode{} : options;
    m_committing = true;
    m_document->setRunSettings(settings, mergeKey);
    m_committing = false;
}

void SinkOptionsForm::browseFolder(QLineEdit* line, const SinkOption& option) {
    const QString folder = QFileDialog::getExistingDirectory(this, qs(option.help), line->text());
    if (!folder.isEmpty()) {
        line->setText(folder);
        commitDeclared(option, folder);
    }
}

} // namespace streamgen::ui
