#include "field_inspector.h"

#include "model/kinds/field_kinds.h"
#include "option_editors.h"
#include "ui/document.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace streamgen::ui {

namespace {

constexpr int kEmptyPage = 0; ///< no field selected; the kinds' pages follow in registry order
constexpr auto kInvalidStyle = "border: 1px solid #d9534f; border-radius: 2px;";

QLabel* errorLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet("color: #c9302c;");
    label->hide();
    return label;
}

QString helpOf(const FieldOption& option) {
    return capitalized(QString::fromUtf8(option.help));
}

/// "interval_ms" -> "intervalMs".
QString camelCase(const QString& snake) {
    QString result;
    bool upper = false;
    for (const QChar c : snake) {
        if (c == '_') {
            upper = true;
            continue;
        }
        result += upper ? c.toUpper() : c;
        upper = false;
    }
    return result;
}

/// Object name of an option's editor: kind and option, e.g. "timestampBegin". A kind's `range`
/// is its main option, so its bounds are named after the kind alone ("intMin", "floatMax").
QString objectBase(const FieldKind& kind, const FieldOption& option) {
    const QString name = QString::fromUtf8(option.name);
    const QString base = QString::fromUtf8(kind.name);
    return name == QLatin1String("range") ? base : base + capitalized(camelCase(name));
}

/// "true_ratio" -> "True ratio"; a unit the name ends with is left to the editor's suffix
/// ("interval_ms" -> "Interval").
QString labelOf(const FieldOption& option) {
    QString name = QString::fromUtf8(option.name);
    const QString unit = '_' + QString::fromUtf8(option.unit.plural);
    if (unit.size() > 1 && name.endsWith(unit)) {
        name.chop(unit.size());
    }
    return capitalized(name.replace('_', ' ')) + ':';
}

} // namespace

FieldInspector::FieldInspector(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_title(new QLabel(this)),
      m_fieldError(errorLabel(this)), m_pages(new QStackedWidget(this)) {
    setObjectName("fieldInspector");
    m_title->setTextFormat(Qt::RichText);

    auto* empty = new QLabel(tr("Select a field to edit its options."), this);
    empty->setAlignment(Qt::AlignCenter);
    empty->setEnabled(false);
    m_pages->addWidget(empty);

    m_nullPercent = new QDoubleSpinBox(this);
    m_nullPercent->setObjectName("nullPercent");
    m_nullPercent->setRange(0.0, 100.0);
    m_nullPercent->setDecimals(1);
    m_nullPercent->setSuffix(" %");
    m_nullPercent->setToolTip(helpOf(nullRatioOption()));
    m_nullPercent->setMaximumWidth(140);
    m_nullError = errorLabel(this);
    auto* nullRow = new QFormLayout;
    nullRow->addRow(tr("Null:"), m_nullPercent);
    nullRow->addRow(m_nullError);

    for (const FieldKind* kind : fieldKinds()) {
        const int page = m_pages->count();
        m_pages->addWidget(buildPage(page, *kind));
        m_slots.insert(nullRatioOption().name,
                       Slot{page, {m_nullPercent}, m_nullError, helpOf(nullRatioOption())});
    }

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_fieldError);
    layout->addWidget(m_pages, 1);
    layout->addLayout(nullRow);

    connect(m_nullPercent, &QDoubleSpinBox::valueChanged, this, [this](double percent) {
        edit(nullRatioOption().name,
             [percent](FieldSpec& f) { nullRatioOption().set(f, percent / 100.0); });
    });
    connect(m_document, &Document::changed, this, &FieldInspector::onDocumentChanged);
    connect(m_document, &Document::problemsChanged, this, &FieldInspector::showProblems);
    load();
}

QWidget* FieldInspector::buildPage(int page, const FieldKind& kind) {
    auto* widget = new QWidget(this);
    auto* form = new QFormLayout(widget);
    const QString help = capitalized(QString::fromUtf8(kind.help));
    auto* about =
        new QLabel(kind.options.empty() ? tr("%1; no options.").arg(help) : help + '.', widget);
    about->setWordWrap(true);
    form->addRow(about);
    for (const FieldOption& option : kind.options) {
        addOptionRows(form, page, kind, option);
    }
    return widget;
}

void FieldInspector::addOptionRows(QFormLayout* form, int page, const FieldKind& kind,
                                   const FieldOption& option) {
    QWidget* host = form->parentWidget();
    OptionEditor* editor =
        makeOptionEditor(kind, option, objectBase(kind, option), m_document, host);
    if (!editor) {
        // Edited within the editor of the list it is paired with; its problems show there too.
        QList<QWidget*> inputs;
        for (OptionEditor* other : m_editors.value(page)) {
            if (qstrcmp(other->option().name, option.pairedWith) == 0) {
                inputs = other->inputs();
            }
        }
        addSlot(page, option, inputs, form);
        return;
    }
    m_editors[page] << editor;
    if (editor->wide()) {
        QString label = labelOf(option);
        if (const FieldOption* paired = kind.pairedOption(option)) {
            label = tr("%1 and %2:").arg(label.chopped(1), QString::fromUtf8(paired->name));
        }
        form->addRow(new QLabel(label, host));
        form->addRow(editor->widget());
    } else {
        form->addRow(labelOf(option), editor->widget());
    }
    const QString key = QString::fromUtf8(option.name);
    editor->setHandlers(
        [this, key, &option](const OptionValue& value) {
            edit(key, [&](FieldSpec& f) { option.set(f, value); });
            if (const FieldSpec* f = m_ref.index >= 0 ? m_document->field(m_ref) : nullptr) {
                showApplicable(*f);
            }
        },
        [this, key](const QString& message) { setInputError(key, message); });
    addSlot(page, option, editor->inputs(), form);
}

void FieldInspector::addSlot(int page, const FieldOption& option, QList<QWidget*> inputs,
                             QFormLayout* form) {
    const QString key = QString::fromUtf8(option.name);
    QLabel* label = errorLabel(form->parentWidget());
    label->setObjectName(key + "Error");
    form->addRow(label);
    m_slots.insert(key, Slot{page, std::move(inputs), label, helpOf(option)});
}

void FieldInspector::setField(FieldRef ref) {
    if (ref == m_ref) {
        return;
    }
    m_ref = ref;
    m_inputErrors.clear();
    for (const QList<OptionEditor*>& editors : std::as_const(m_editors)) {
        for (OptionEditor* editor : editors) {
            editor->setFieldRef(ref);
        }
    }
    load();
}

int FieldInspector::pageOf(FieldType type) const {
    const auto& kinds = fieldKinds();
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        if (kinds[i]->type == type) {
            return static_cast<int>(i) + 1;
        }
    }
    return kEmptyPage;
}

void FieldInspector::onDocumentChanged(const DocumentChange& change) {
    // The edit this inspector just made comes back here: reloading would rewrite the text the
    // user is typing (and drop a half-typed number), so only other changes reload the form.
    if (m_committing) {
        return;
    }
    const bool ours = change.kind == DocumentChange::Kind::Structure ||
                      (change.kind == DocumentChange::Kind::Fields && change.type == m_ref.type);
    if (ours) {
        m_inputErrors.clear();
        load();
    }
}

void FieldInspector::load() {
    const FieldSpec* f = m_ref.index >= 0 ? m_document->field(m_ref) : nullptr;
    m_nullPercent->setEnabled(f != nullptr);
    if (!f) {
        m_title->setText(tr("<b>Field inspector</b>"));
        showPage(kEmptyPage);
        showProblems();
        return;
    }
    m_title->setText(tr("<b>%1</b> &nbsp;%2%3")
                         .arg(QString::fromStdString(f->name).toHtmlEscaped(),
                              QString::fromLatin1(fieldTypeName(f->type)),
                              m_ref.isCommon() ? tr(" &nbsp;<i>(common field)</i>") : QString()));
    const int page = pageOf(f->type);
    showPage(page);
    const QSignalBlocker blockNull(m_nullPercent);
    m_nullPercent->setValue(f->nullRatio * 100.0);
    for (OptionEditor* editor : m_editors.value(page)) {
        editor->load(*f);
    }
    showApplicable(*f);
    showProblems();
}

void FieldInspector::showPage(int page) {
    // A stack is as tall as its tallest page; only the shown one should claim room, so that the
    // panes around the inspector keep theirs.
    for (int i = 0; i < m_pages->count(); ++i) {
        const auto vertical = i == page ? QSizePolicy::Preferred : QSizePolicy::Ignored;
        m_pages->widget(i)->setSizePolicy(QSizePolicy::Preferred, vertical);
    }
    m_pages->setCurrentIndex(page);
}

void FieldInspector::showApplicable(const FieldSpec& field) {
    for (OptionEditor* editor : m_editors.value(m_pages->currentIndex())) {
        editor->widget()->setEnabled(editor->option().applies(field));
    }
}

QString FieldInspector::problemPrefix() const {
    const FieldSpec* f = m_ref.index >= 0 ? m_document->field(m_ref) : nullptr;
    if (!f) {
        return {};
    }
    const QString list = m_ref.isCommon()
                             ? QStringLiteral("common_fields")
                             : QStringLiteral("event_types[%1].fields").arg(m_ref.type);
    return list + '.' + QString::fromStdString(f->name);
}

void FieldInspector::showProblems() {
    // Messages per option key: validation problems of this field, then unreadable input.
    QHash<QString, QStringList> messages;
    const QString prefix = problemPrefix();
    if (!prefix.isEmpty()) {
        for (const Diagnostic& problem : m_document->problems()) {
            const QString path = QString::fromStdString(problem.path);
            if (path == prefix) {
                messages[QString()] << QString::fromStdString(problem.message);
            } else if (path.startsWith(prefix + '.')) {
                QString key = path.mid(prefix.size() + 1);
                key = key.left(key.indexOf('[') >= 0 ? key.indexOf('[') : key.size());
                messages[key] << QString::fromStdString(problem.message);
            }
        }
    }
    for (auto it = m_inputErrors.cbegin(); it != m_inputErrors.cend(); ++it) {
        messages[it.key()].prepend(it.value());
    }
    // Options edited in one place (values and their weights) share inputs: gather first.
    QHash<QWidget*, QStringList> inputProblems;
    QHash<QWidget*, QString> inputHelp;
    const int page = m_pages->currentIndex();
    for (auto it = m_slots.cbegin(); it != m_slots.cend(); ++it) {
        if (it->page != page) {
            continue;
        }
        const QString text = messages.value(it.key()).join('\n');
        for (QWidget* input : it->inputs) {
            inputHelp.insert(input, inputHelp.value(input, it->help));
            if (!text.isEmpty()) {
                inputProblems[input] << text;
            }
        }
        it->label->setText(text);
        it->label->setVisible(!text.isEmpty());
    }
    for (auto it = inputHelp.cbegin(); it != inputHelp.cend(); ++it) {
        const QString problem = inputProblems.value(it.key()).join('\n');
        it.key()->setStyleSheet(problem.isEmpty() ? QString() : QString::fromLatin1(kInvalidStyle));
        it.key()->setToolTip(problem.isEmpty() ? it.value() : problem);
    }
    const QString fieldText = messages.value(QString()).join('\n');
    m_fieldError->setText(fieldText);
    m_fieldError->setVisible(!fieldText.isEmpty());
}

QString FieldInspector::shownError(const QString& key) const {
    if (key.isEmpty()) {
        return m_fieldError->isVisibleTo(this) ? m_fieldError->text() : QString();
    }
    const int page = m_pages->currentIndex();
    for (auto it = m_slots.constFind(key); it != m_slots.cend() && it.key() == key; ++it) {
        if (it->page == page) {
            return it->label->text();
        }
    }
    return {};
}

void FieldInspector::focusOption(const QString& key) {
    const int page = m_pages->currentIndex();
    for (auto it = m_slots.constFind(key); it != m_slots.cend() && it.key() == key; ++it) {
        if (it->page == page && !it->inputs.isEmpty()) {
            it->inputs.first()->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
    setFocus(Qt::OtherFocusReason);
}

void FieldInspector::edit(const QString& key, const std::function<void(FieldSpec&)>& mutate) {
    const FieldSpec* current = m_ref.index >= 0 ? m_document->field(m_ref) : nullptr;
    if (!current) {
        return;
    }
    FieldSpec spec = *current;
    mutate(spec);
    m_inputErrors.remove(key);
    m_committing = true;
    m_document->setField(m_ref, spec, key);
    m_committing = false;
    showProblems();
}

void FieldInspector::setInputError(const QString& key, const QString& message) {
    m_inputErrors.insert(key, message);
    showProblems();
}

} // namespace streamgen::ui
