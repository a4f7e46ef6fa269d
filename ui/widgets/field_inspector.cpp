#include "field_inspector.h"

#include "delegates.h"
#include "model/time_format.h"
#include "ui/document.h"
#include "ui/models/values_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace streamgen::ui {

namespace {

enum Page {
    EmptyPage,
    UuidPage,
    IntPage,
    FloatPage,
    StringPage,
    BooleanPage,
    TimestampPage,
    DatePage
};

constexpr auto kInvalidStyle = "border: 1px solid #d9534f; border-radius: 2px;";

QLabel* errorLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet("color: #c9302c;");
    label->hide();
    return label;
}

QLineEdit* lineEdit(const QString& name, const QString& placeholder, QWidget* parent) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    return edit;
}

std::optional<double> parseDouble(const QString& text) {
    bool ok = false;
    double value = QLocale::c().toDouble(text.trimmed(), &ok);
    if (!ok) {
        value = QLocale().toDouble(text.trimmed(), &ok);
    }
    return ok ? std::optional(value) : std::nullopt;
}

QString isoTimestamp(int64_t ms) {
    return QString::fromStdString(detail::formatIsoTimestamp(ms));
}
QString isoDate(int32_t days) {
    return QString::fromStdString(detail::formatIsoDate(days));
}

void setTextKeepingCursor(QLineEdit* edit, const QString& text) {
    if (edit->text() != text) {
        const QSignalBlocker blocker(edit);
        edit->setText(text);
    }
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
    auto* uuid = new QLabel(tr("A random UUID (version 4) per event; no options."), this);
    uuid->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_pages->addWidget(empty);
    m_pages->addWidget(uuid);
    m_pages->addWidget(buildNumberPage(false));
    m_pages->addWidget(buildNumberPage(true));
    m_pages->addWidget(buildStringPage());
    m_pages->addWidget(buildBooleanPage());
    m_pages->addWidget(buildTimestampPage());
    m_pages->addWidget(buildDatePage());

    m_nullPercent = new QDoubleSpinBox(this);
    m_nullPercent->setObjectName("nullPercent");
    m_nullPercent->setRange(0.0, 100.0);
    m_nullPercent->setDecimals(1);
    m_nullPercent->setSuffix(" %");
    m_nullPercent->setToolTip(tr("Share of events in which this field is null"));
    m_nullPercent->setMaximumWidth(140);
    m_nullError = errorLabel(this);
    auto* nullRow = new QFormLayout;
    nullRow->addRow(tr("Null:"), m_nullPercent);
    nullRow->addRow(m_nullError);
    for (int page = UuidPage; page <= DatePage; ++page) {
        m_slots.insert("null_ratio", Slot{page, {m_nullPercent}, m_nullError});
    }

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_fieldError);
    layout->addWidget(m_pages, 1);
    layout->addLayout(nullRow);

    connect(m_nullPercent, &QDoubleSpinBox::valueChanged, this, [this](double percent) {
        edit("null_ratio", [percent](FieldSpec& f) { f.nullRatio = percent / 100.0; });
    });
    connect(m_document, &Document::changed, this, &FieldInspector::onDocumentChanged);
    connect(m_document, &Document::problemsChanged, this, &FieldInspector::showProblems);
    load();
}

QLabel* FieldInspector::addSlot(int page, const QString& key, QList<QWidget*> editors) {
    QLabel* label = errorLabel(this);
    label->setObjectName(key + "Error");
    m_slots.insert(key, Slot{page, std::move(editors), label});
    return label;
}

QWidget* FieldInspector::buildNumberPage(bool floating) {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    const int index = floating ? FloatPage : IntPage;
    QLineEdit*& min = floating ? m_floatMin : m_intMin;
    QLineEdit*& max = floating ? m_floatMax : m_intMax;
    min = lineEdit(floating ? "floatMin" : "intMin", tr("minimum"), page);
    max = lineEdit(floating ? "floatMax" : "intMax", tr("maximum"), page);
    auto* range = new QHBoxLayout;
    range->addWidget(min);
    range->addWidget(new QLabel(QStringLiteral("–"), page));
    range->addWidget(max);
    form->addRow(tr("Range:"), range);
    form->addRow(addSlot(index, "range", {min, max}));
    const auto commit =
        floating ? &FieldInspector::commitFloatRange : &FieldInspector::commitIntRange;
    connect(min, &QLineEdit::textEdited, this, commit);
    connect(max, &QLineEdit::textEdited, this, commit);
    if (floating) {
        m_precisionEnabled = new QCheckBox(tr("Round to"), page);
        m_precisionEnabled->setObjectName("precisionEnabled");
        m_precision = new QSpinBox(page);
        m_precision->setObjectName("precision");
        m_precision->setRange(0, 20);
        m_precision->setSuffix(tr(" digits"));
        auto* precision = new QHBoxLayout;
        precision->addWidget(m_precisionEnabled);
        precision->addWidget(m_precision, 1);
        form->addRow(tr("Precision:"), precision);
        form->addRow(addSlot(index, "precision", {m_precision}));
        connect(m_precisionEnabled, &QCheckBox::toggled, this, &FieldInspector::commitPrecision);
        connect(m_precision, &QSpinBox::valueChanged, this, &FieldInspector::commitPrecision);
    }
    return page;
}

QWidget* FieldInspector::buildStringPage() {
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_valuesModel = new ValuesModel(m_document, this);
    m_valuesView = new QTableView(page);
    m_valuesView->setObjectName("valuesView");
    m_valuesView->setModel(m_valuesModel);
    m_valuesView->setItemDelegateForColumn(ValuesModel::Weight, new WeightDelegate(m_valuesView));
    m_valuesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_valuesView->verticalHeader()->hide();
    m_valuesView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_valuesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_valuesView->horizontalHeader()->setSectionResizeMode(ValuesModel::Value,
                                                           QHeaderView::Stretch);
    auto* add = new QPushButton(style()->standardIcon(QStyle::SP_FileIcon), tr("Add value"), page);
    add->setObjectName("addValue");
    auto* remove =
        new QPushButton(style()->standardIcon(QStyle::SP_TrashIcon), tr("Remove value"), page);
    remove->setObjectName("removeValue");
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    layout->addWidget(new QLabel(tr("Values and relative weights:"), page));
    layout->addWidget(m_valuesView, 1);
    layout->addLayout(buttons);
    layout->addWidget(addSlot(StringPage, "values", {m_valuesView}));
    layout->addWidget(addSlot(StringPage, "weights", {m_valuesView}));
    connect(add, &QPushButton::clicked, this, &FieldInspector::addValue);
    connect(remove, &QPushButton::clicked, this, &FieldInspector::removeValue);
    return page;
}

QWidget* FieldInspector::buildBooleanPage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_trueRatio = new QDoubleSpinBox(page);
    m_trueRatio->setObjectName("trueRatio");
    m_trueRatio->setRange(0.0, 1.0);
    m_trueRatio->setDecimals(3);
    m_trueRatio->setSingleStep(0.05);
    form->addRow(tr("True ratio:"), m_trueRatio);
    form->addRow(addSlot(BooleanPage, "true_ratio", {m_trueRatio}));
    connect(m_trueRatio, &QDoubleSpinBox::valueChanged, this, [this](double ratio) {
        edit("true_ratio", [ratio](FieldSpec& f) { f.trueRatio = ratio; });
    });
    return page;
}

QWidget* FieldInspector::buildTimestampPage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_timestampMode = new QComboBox(page);
    m_timestampMode->setObjectName("timestampMode");
    m_timestampMode->addItem(tr("now (wall clock)"), int(TimestampMode::Now));
    m_timestampMode->addItem(tr("sequence (begin + k × interval)"), int(TimestampMode::Sequence));
    m_timestampMode->addItem(tr("random in [begin, end]"), int(TimestampMode::Random));
    m_begin = lineEdit("timestampBegin", "2024-01-01T00:00:00Z", page);
    m_end = lineEdit("timestampEnd", "2024-12-31T23:59:59Z", page);
    m_interval = new QDoubleSpinBox(page);
    m_interval->setObjectName("intervalMs");
    m_interval->setDecimals(0);
    m_interval->setRange(0, 1e12);
    m_interval->setSuffix(" ms");
    form->addRow(tr("Mode:"), m_timestampMode);
    form->addRow(tr("Begin:"), m_begin);
    form->addRow(addSlot(TimestampPage, "begin", {m_begin}));
    form->addRow(tr("End:"), m_end);
    form->addRow(addSlot(TimestampPage, "end", {m_end}));
    form->addRow(tr("Interval:"), m_interval);
    form->addRow(addSlot(TimestampPage, "interval_ms", {m_interval}));
    connect(m_timestampMode, &QComboBox::activated, this, [this] { commitTimestamp("mode"); });
    connect(m_begin, &QLineEdit::textEdited, this, [this] { commitTimestamp("begin"); });
    connect(m_end, &QLineEdit::textEdited, this, [this] { commitTimestamp("end"); });
    connect(m_interval, &QDoubleSpinBox::valueChanged, this,
            [this] { commitTimestamp("interval_ms"); });
    return page;
}

QWidget* FieldInspector::buildDatePage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_dateRangeEnabled = new QCheckBox(tr("Dates in a fixed range (otherwise today's date)"), page);
    m_dateRangeEnabled->setObjectName("dateRangeEnabled");
    m_dateFrom = lineEdit("dateFrom", "YYYY-MM-DD", page);
    m_dateTo = lineEdit("dateTo", "YYYY-MM-DD", page);
    form->addRow(m_dateRangeEnabled);
    form->addRow(tr("From:"), m_dateFrom);
    form->addRow(tr("To:"), m_dateTo);
    form->addRow(addSlot(DatePage, "range", {m_dateFrom, m_dateTo}));
    connect(m_dateRangeEnabled, &QCheckBox::toggled, this, &FieldInspector::commitDateRange);
    connect(m_dateFrom, &QLineEdit::textEdited, this, &FieldInspector::commitDateRange);
    connect(m_dateTo, &QLineEdit::textEdited, this, &FieldInspector::commitDateRange);
    return page;
}

void FieldInspector::setField(FieldRef ref) {
    if (ref == m_ref) {
        return;
    }
    m_ref = ref;
    m_inputErrors.clear();
    m_valuesModel->setField(ref);
    load();
}

int FieldInspector::pageOf(FieldType type) const {
    switch (type) {
    case FieldType::Uuid:
        return UuidPage;
    case FieldType::Int:
    case FieldType::Long:
        return IntPage;
    case FieldType::Float:
    case FieldType::Double:
        return FloatPage;
    case FieldType::String:
        return StringPage;
    case FieldType::Boolean:
        return BooleanPage;
    case FieldType::Timestamp:
        return TimestampPage;
    case FieldType::Date:
        return DatePage;
    }
    return EmptyPage;
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
        m_pages->setCurrentIndex(EmptyPage);
        showProblems();
        return;
    }
    m_title->setText(tr("<b>%1</b> &nbsp;%2%3")
                         .arg(QString::fromStdString(f->name).toHtmlEscaped(),
                              QString::fromLatin1(fieldTypeName(f->type)),
                              m_ref.isCommon() ? tr(" &nbsp;<i>(common field)</i>") : QString()));
    m_pages->setCurrentIndex(pageOf(f->type));
    const QSignalBlocker blockNull(m_nullPercent);
    m_nullPercent->setValue(f->nullRatio * 100.0);
    switch (f->type) {
    case FieldType::Int:
    case FieldType::Long:
        setTextKeepingCursor(m_intMin, QString::number(f->intMin));
        setTextKeepingCursor(m_intMax, QString::number(f->intMax));
        break;
    case FieldType::Float:
    case FieldType::Double: {
        setTextKeepingCursor(m_floatMin, QString::number(f->floatMin, 'g', 17));
        setTextKeepingCursor(m_floatMax, QString::number(f->floatMax, 'g', 17));
        const QSignalBlocker a(m_precisionEnabled);
        const QSignalBlocker b(m_precision);
        m_precisionEnabled->setChecked(f->precision.has_value());
        m_precision->setEnabled(f->precision.has_value());
        m_precision->setValue(f->precision.value_or(2));
        break;
    }
    case FieldType::Boolean: {
        const QSignalBlocker blocker(m_trueRatio);
        m_trueRatio->setValue(f->trueRatio);
        break;
    }
    case FieldType::Timestamp: {
        const QSignalBlocker a(m_timestampMode);
        const QSignalBlocker b(m_interval);
        m_timestampMode->setCurrentIndex(m_timestampMode->findData(int(f->timestampMode)));
        setTextKeepingCursor(m_begin, isoTimestamp(f->beginMs));
        setTextKeepingCursor(m_end, isoTimestamp(f->endMs));
        m_interval->setValue(double(f->intervalMs));
        m_begin->setEnabled(f->timestampMode != TimestampMode::Now);
        m_end->setEnabled(f->timestampMode == TimestampMode::Random);
        m_interval->setEnabled(f->timestampMode == TimestampMode::Sequence);
        break;
    }
    case FieldType::Date: {
        const QSignalBlocker blocker(m_dateRangeEnabled);
        m_dateRangeEnabled->setChecked(f->dateRange.has_value());
        m_dateFrom->setEnabled(f->dateRange.has_value());
        m_dateTo->setEnabled(f->dateRange.has_value());
        if (f->dateRange) {
            setTextKeepingCursor(m_dateFrom, isoDate(f->dateRange->first));
            setTextKeepingCursor(m_dateTo, isoDate(f->dateRange->second));
        }
        break;
    }
    case FieldType::Uuid:
    case FieldType::String:
        break;
    }
    showProblems();
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
    const int page = m_pages->currentIndex();
    for (auto it = m_slots.cbegin(); it != m_slots.cend(); ++it) {
        if (it->page != page) {
            continue;
        }
        const QString text = messages.value(it.key()).join('\n');
        for (QWidget* editor : it->editors) {
            editor->setStyleSheet(text.isEmpty() ? QString() : QString::fromLatin1(kInvalidStyle));
            editor->setToolTip(text);
        }
        it->label->setText(text);
        it->label->setVisible(!text.isEmpty());
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
        if (it->page == page && !it->editors.isEmpty()) {
            it->editors.first()->setFocus(Qt::OtherFocusReason);
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

void FieldInspector::commitIntRange() {
    bool minOk = false;
    bool maxOk = false;
    const qlonglong min = m_intMin->text().trimmed().toLongLong(&minOk);
    const qlonglong max = m_intMax->text().trimmed().toLongLong(&maxOk);
    if (!minOk || !maxOk) {
        setInputError(
            "range",
            tr("`%1` is not a whole number").arg(minOk ? m_intMax->text() : m_intMin->text()));
        return;
    }
    edit("range", [&](FieldSpec& f) {
        f.intMin = min;
        f.intMax = max;
    });
}

void FieldInspector::commitFloatRange() {
    const auto min = parseDouble(m_floatMin->text());
    const auto max = parseDouble(m_floatMax->text());
    if (!min || !max) {
        setInputError(
            "range", tr("`%1` is not a number").arg(min ? m_floatMax->text() : m_floatMin->text()));
        return;
    }
    edit("range", [&](FieldSpec& f) {
        f.floatMin = *min;
        f.floatMax = *max;
    });
}

void FieldInspector::commitPrecision() {
    const bool enabled = m_precisionEnabled->isChecked();
    m_precision->setEnabled(enabled);
    const int digits = m_precision->value();
    edit("precision",
         [&](FieldSpec& f) { f.precision = enabled ? std::optional(digits) : std::nullopt; });
}

void FieldInspector::commitTimestamp(const QString& key) {
    const auto mode = static_cast<TimestampMode>(m_timestampMode->currentData().toInt());
    const auto begin = detail::parseIsoTimestamp(m_begin->text().trimmed().toStdString());
    const auto end = detail::parseIsoTimestamp(m_end->text().trimmed().toStdString());
    const QString expected = tr("expected an ISO time like 2024-01-01T00:00:00Z, got `%1`");
    if (key == "begin" && !begin) {
        setInputError(key, expected.arg(m_begin->text()));
        return;
    }
    if (key == "end" && !end) {
        setInputError(key, expected.arg(m_end->text()));
        return;
    }
    const auto interval = static_cast<int64_t>(m_interval->value());
    edit(key, [&](FieldSpec& f) {
        f.timestampMode = mode;
        if (begin) {
            f.beginMs = *begin;
        }
        if (end) {
            f.endMs = *end;
        }
        f.intervalMs = interval;
    });
    if (key == "mode") {
        load();
    }
}

void FieldInspector::commitDateRange() {
    const bool enabled = m_dateRangeEnabled->isChecked();
    m_dateFrom->setEnabled(enabled);
    m_dateTo->setEnabled(enabled);
    if (enabled && m_dateFrom->text().isEmpty() && m_dateTo->text().isEmpty()) {
        const QDate today = QDate::currentDate();
        m_dateFrom->setText(today.toString(Qt::ISODate));
        m_dateTo->setText(today.addDays(30).toString(Qt::ISODate));
    }
    const auto from = detail::parseIsoDate(m_dateFrom->text().trimmed().toStdString());
    const auto to = detail::parseIsoDate(m_dateTo->text().trimmed().toStdString());
    if (enabled && (!from || !to)) {
        setInputError("range", tr("expected a date like 2024-01-31, got `%1`")
                                   .arg(from ? m_dateTo->text() : m_dateFrom->text()));
        return;
    }
    edit("range", [&](FieldSpec& f) {
        f.dateRange = enabled ? std::optional(std::pair(*from, *to)) : std::nullopt;
    });
}

void FieldInspector::addValue() {
    const int row = m_valuesModel->rowCount();
    if (m_valuesModel->insertRows(row, 1)) {
        const QModelIndex index = m_valuesModel->index(row, ValuesModel::Value);
        m_valuesView->setCurrentIndex(index);
        m_valuesView->edit(index);
    }
}

void FieldInspector::removeValue() {
    const QModelIndex current = m_valuesView->currentIndex();
    if (current.isValid()) {
        m_valuesModel->removeRows(current.row(), 1);
    }
}

} // namespace streamgen::ui
