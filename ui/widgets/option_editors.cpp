#include "option_editors.h"

#include "delegates.h"
#include "model/time_format.h"
#include "nested_spec_editor.h"
#include "weighted_values_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QVBoxLayout>
#include <cmath>

namespace streamgen::ui {

namespace {

/// Integers beyond this lose precision in a double spin box.
constexpr double kLargestSpinInteger = 1e15;

QString fromUtf8(const char* text) {
    return QString::fromUtf8(text);
}

std::optional<double> parseDouble(const QString& text) {
    bool ok = false;
    double value = QLocale::c().toDouble(text.trimmed(), &ok);
    if (!ok) {
        value = QLocale().toDouble(text.trimmed(), &ok);
    }
    return ok ? std::optional(value) : std::nullopt;
}

/// The shortest text that reads back as exactly `value` ("0.3", not "0.29999999999999999").
QString shortest(double value) {
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
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

QHBoxLayout* rowLayout(QWidget* widget) {
    auto* layout = new QHBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    return layout;
}

QLineEdit* lineEdit(const QString& name, const QString& placeholder, QWidget* parent) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    return edit;
}

/// An optional option's "set" box: unticked, the option is absent.
QCheckBox* presenceBox(const FieldOption& option, const QString& base, QWidget* parent) {
    auto* box = new QCheckBox(parent);
    box->setObjectName(base + "Enabled");
    box->setToolTip(
        QObject::tr("Set `%1`; without it: %2").arg(fromUtf8(option.name), fromUtf8(option.help)));
    return box;
}

/// `[min, max]` of whole numbers, numbers or dates, as two line edits.
class RangeEditor : public OptionEditor {
public:
    RangeEditor(const FieldOption& option, const QString& base, QWidget* widget)
        : OptionEditor(option, widget) {
        const bool dates = option.type == FieldOptionType::DateRange;
        auto* layout = rowLayout(widget);
        if (option.isOptional()) {
            m_presence = presenceBox(option, base, widget);
            layout->addWidget(m_presence);
            connect(m_presence, &QCheckBox::toggled, this, &RangeEditor::onPresenceToggled);
        }
        m_low =
            lineEdit(base + (dates ? "From" : "Min"), dates ? "YYYY-MM-DD" : tr("minimum"), widget);
        m_high =
            lineEdit(base + (dates ? "To" : "Max"), dates ? "YYYY-MM-DD" : tr("maximum"), widget);
        layout->addWidget(m_low);
        layout->addWidget(new QLabel(QStringLiteral("–"), widget));
        layout->addWidget(m_high);
        addInput(m_low);
        addInput(m_high);
        connect(m_low, &QLineEdit::textEdited, this, &RangeEditor::onEdited);
        connect(m_high, &QLineEdit::textEdited, this, &RangeEditor::onEdited);
    }

    void load(const FieldSpec& field) override {
        const OptionValue value = option().get(field);
        const bool set = !std::holds_alternative<std::monostate>(value);
        if (m_presence) {
            const QSignalBlocker blocker(m_presence);
            m_presence->setChecked(set);
            m_low->setEnabled(set);
            m_high->setEnabled(set);
        }
        if (const auto* whole = std::get_if<IntegerRange>(&value)) {
            show(QString::number(whole->min), QString::number(whole->max));
        } else if (const auto* numbers = std::get_if<NumberRange>(&value)) {
            show(shortest(numbers->min), shortest(numbers->max));
        } else if (const auto* dates = std::get_if<DateRange>(&value)) {
            show(isoDate(dates->first), isoDate(dates->last));
        }
    }

private:
    void show(const QString& low, const QString& high) {
        setTextKeepingCursor(m_low, low);
        setTextKeepingCursor(m_high, high);
    }

    void onPresenceToggled(bool set) {
        m_low->setEnabled(set);
        m_high->setEnabled(set);
        if (set && m_low->text().isEmpty() && m_high->text().isEmpty()) {
            const QDate today = QDate::currentDate();
            const bool dates = option().type == FieldOptionType::DateRange;
            m_low->setText(dates ? today.toString(Qt::ISODate) : QStringLiteral("0"));
            m_high->setText(dates ? today.addDays(30).toString(Qt::ISODate) : QStringLiteral("1"));
        }
        onEdited();
    }

    void onEdited() {
        if (m_presence && !m_presence->isChecked()) {
            commit(std::monostate{});
            return;
        }
        switch (option().type) {
        case FieldOptionType::IntegerRange:
            return commitIntegers();
        case FieldOptionType::DateRange:
            return commitDates();
        default:
            return commitNumbers();
        }
    }

    void commitIntegers() {
        bool lowOk = false;
        bool highOk = false;
        const qlonglong low = m_low->text().trimmed().toLongLong(&lowOk);
        const qlonglong high = m_high->text().trimmed().toLongLong(&highOk);
        if (!lowOk || !highOk) {
            reject(tr("`%1` is not a whole number").arg(badText(lowOk)));
            return;
        }
        commit(IntegerRange{low, high});
    }

    void commitNumbers() {
        const auto low = parseDouble(m_low->text());
        const auto high = parseDouble(m_high->text());
        if (!low || !high) {
            reject(tr("`%1` is not a number").arg(badText(low.has_value())));
            return;
        }
        commit(NumberRange{*low, *high});
    }

    void commitDates() {
        const auto first = detail::parseIsoDate(m_low->text().trimmed().toStdString());
        const auto last = detail::parseIsoDate(m_high->text().trimmed().toStdString());
        if (!first || !last) {
            reject(tr("expected a date like 2024-01-31, got `%1`").arg(badText(first.has_value())));
            return;
        }
        commit(DateRange{*first, *last});
    }

    QString badText(bool lowOk) const { return lowOk ? m_high->text() : m_low->text(); }

    QCheckBox* m_presence = nullptr;
    QLineEdit* m_low = nullptr;
    QLineEdit* m_high = nullptr;
};

/// A whole number (a count, digits, milliseconds) in a spin box; committed on every step.
class IntegerEditor : public OptionEditor {
public:
    IntegerEditor(const FieldOption& option, const QString& base, QWidget* widget)
        : OptionEditor(option, widget) {
        auto* layout = rowLayout(widget);
        if (option.isOptional()) {
            m_presence = presenceBox(option, base, widget);
            layout->addWidget(m_presence);
            connect(m_presence, &QCheckBox::toggled, this, &IntegerEditor::onEdited);
        }
        m_spin = new QDoubleSpinBox(widget);
        m_spin->setObjectName(base);
        m_spin->setDecimals(0);
        const auto [least, most] = option.integerLimits();
        double min = std::max(static_cast<double>(least), -kLargestSpinInteger);
        double max = std::min(static_cast<double>(most), kLargestSpinInteger);
        if (option.bounds) {
            min = option.bounds->min;
            max = option.bounds->max;
        } else if (option.positive) {
            min = 0.0; // 0 stays enterable so that the validator can explain why it is refused
        }
        m_spin->setRange(min, max);
        if (*option.unit.plural != '\0') {
            m_spin->setSuffix(' ' + fromUtf8(option.unit.plural));
        }
        layout->addWidget(m_spin, 1);
        addInput(m_spin);
        connect(m_spin, &QDoubleSpinBox::valueChanged, this, &IntegerEditor::onEdited);
    }

    void load(const FieldSpec& field) override {
        const OptionValue value = option().get(field);
        const auto* number = std::get_if<int64_t>(&value);
        const QSignalBlocker blockSpin(m_spin);
        if (m_presence) {
            const QSignalBlocker blockBox(m_presence);
            m_presence->setChecked(number != nullptr);
            m_spin->setEnabled(number != nullptr);
        }
        if (number) {
            m_spin->setValue(static_cast<double>(*number));
        } else if (option().bounds) {
            // An absent option shows a typical value to start from when it is ticked.
            m_spin->setValue(std::min(2.0, option().bounds->max));
        }
    }

private:
    void onEdited() {
        const bool set = !m_presence || m_presence->isChecked();
        m_spin->setEnabled(set);
        commit(set ? OptionValue(static_cast<int64_t>(std::llround(m_spin->value())))
                   : OptionValue());
    }

    QCheckBox* m_presence = nullptr;
    QDoubleSpinBox* m_spin = nullptr;
};

/// A share in [0, 1], or any number, in a double spin box.
class NumberEditor : public OptionEditor {
public:
    NumberEditor(const FieldOption& option, const QString& base, QWidget* widget)
        : OptionEditor(option, widget), m_spin(new QDoubleSpinBox(widget)) {
        m_spin->setObjectName(base);
        if (option.type == FieldOptionType::Ratio) {
            m_spin->setRange(0.0, 1.0);
            m_spin->setDecimals(3);
            m_spin->setSingleStep(0.05);
        } else {
            m_spin->setRange(option.bounds ? option.bounds->min : -kLargestSpinInteger,
                             option.bounds ? option.bounds->max : kLargestSpinInteger);
            m_spin->setDecimals(6);
        }
        rowLayout(widget)->addWidget(m_spin, 1);
        addInput(m_spin);
        connect(m_spin, &QDoubleSpinBox::valueChanged, this,
                [this](double value) { commit(value); });
    }

    void load(const FieldSpec& field) override {
        const OptionValue value = option().get(field);
        if (const auto* number = std::get_if<double>(&value)) {
            const QSignalBlocker blocker(m_spin);
            m_spin->setValue(*number);
        }
    }

private:
    QDoubleSpinBox* m_spin;
};

/// Free text (a template, a distribution): committed when editing ends; empty unsets it.
class TextEditor : public OptionEditor {
public:
    TextEditor(const FieldOption& option, const QString& base, QWidget* widget)
        : OptionEditor(option, widget),
          m_edit(lineEdit(base, fromUtf8(option.defaultText), widget)) {
        rowLayout(widget)->addWidget(m_edit, 1);
        addInput(m_edit);
        connect(m_edit, &QLineEdit::editingFinished, this, [this] {
            const std::string text = m_edit->text().toStdString();
            commit(text.empty() ? OptionValue() : OptionValue(text));
        });
    }

    void load(const FieldSpec& field) override {
        const OptionValue value = option().get(field);
        const auto* text = std::get_if<std::string>(&value);
        setTextKeepingCursor(m_edit, text ? QString::fromStdString(*text) : QString());
    }

private:
    QLineEdit* m_edit;
};

/// true or false, as a check box.
class FlagEditor : public OptionEditor {
public:
    FlagEditor(const FieldOption& option, const QString& base, QWidget* widget)
        : OptionEditor(option, widget), m_box(new QCheckBox(widget)) {
        m_box->setObjectName(base);
        rowLayout(widget)->addWidget(m_box, 1);
        addInput(m_box);
        connect(m_box, &QCheckBox::toggled, this, [this](bool on) { commit(on); });
    }

    void load(const FieldSpec& field) override {
        const OptionValue value = option().get(field);
        if (const auto* flag = std::get_if<bool>(&value)) {
            const QSignalBlocker blocker(m_box);
            m_box->setChecked(*flag);
        }
    }

private:
    QCheckBox* m_box;
};

/// One of the declared choices, in a combo box; the item data is the choice's index.
class ChoiceEditor : public OptionEditor {
public:
    ChoiceEditor(const FieldOption& option, const QString& base, QWidget* widget)
        : OptionEditor(option, widget), m_combo(new QComboBox(widget)) {
        m_combo->setObjectName(base);
        for (std::size_t i = 0; i < option.choices.size(); ++i) {
            const OptionChoice& choice = option.choices[i];
            m_combo->addItem(
                QStringLiteral("%1 (%2)").arg(fromUtf8(choice.name), fromUtf8(choice.help)),
                static_cast<int>(i));
        }
        rowLayout(widget)->addWidget(m_combo, 1);
        addInput(m_combo);
        connect(m_combo, &QComboBox::activated, this, [this] {
            const int index = m_combo->currentData().toInt();
            commit(std::string(this->option().choices[static_cast<std::size_t>(index)].name));
        });
    }

    void load(const FieldSpec& field) override {
        const OptionValue value = option().get(field);
        if (const auto* name = std::get_if<std::string>(&value)) {
            const QSignalBlocker blocker(m_combo);
            m_combo->setCurrentIndex(m_combo->findData(option().choiceIndex(*name)));
        }
    }

private:
    QComboBox* m_combo;
};

/// An ISO-8601 UTC time in a line edit, committed whenever the text reads as one.
class TimestampEditor : public OptionEditor {
public:
    TimestampEditor(const FieldOption& option, const QString& base, QWidget* widget)
        : OptionEditor(option, widget) {
        const char* example =
            *option.defaultText != '\0' ? option.defaultText : "2024-01-01T00:00:00Z";
        m_edit = lineEdit(base, fromUtf8(example), widget);
        rowLayout(widget)->addWidget(m_edit, 1);
        addInput(m_edit);
        connect(m_edit, &QLineEdit::textEdited, this, [this] {
            const auto ms = detail::parseIsoTimestamp(m_edit->text().trimmed().toStdString());
            if (!ms) {
                reject(tr("expected an ISO time like 2024-01-01T00:00:00Z, got `%1`")
                           .arg(m_edit->text()));
                return;
            }
            commit(*ms);
        });
    }

    void load(const FieldSpec& field) override {
        const OptionValue value = option().get(field);
        if (const auto* ms = std::get_if<int64_t>(&value)) {
            setTextKeepingCursor(m_edit, isoTimestamp(*ms));
        }
    }

private:
    QLineEdit* m_edit = nullptr;
};

/// A list of strings or numbers as one line, separated by commas.
class ListEditor : public OptionEditor {
public:
    ListEditor(const FieldOption& option, const QString& base, QWidget* widget)
        : OptionEditor(option, widget) {
        m_edit = lineEdit(base, tr("a, b, c"), widget);
        rowLayout(widget)->addWidget(m_edit, 1);
        addInput(m_edit);
        connect(m_edit, &QLineEdit::textEdited, this, &ListEditor::onEdited);
    }

    void load(const FieldSpec& field) override {
        const OptionValue value = option().get(field);
        QStringList items;
        if (const auto* strings = std::get_if<std::vector<std::string>>(&value)) {
            for (const std::string& item : *strings) {
                items << QString::fromStdString(item);
            }
        } else if (const auto* numbers = std::get_if<std::vector<double>>(&value)) {
            for (double item : *numbers) {
                items << shortest(item);
            }
        }
        setTextKeepingCursor(m_edit, items.join(QStringLiteral(", ")));
    }

private:
    void onEdited() {
        QStringList items = m_edit->text().split(',');
        for (QString& item : items) {
            item = item.trimmed();
        }
        items.removeAll(QString());
        if (option().type == FieldOptionType::StringList) {
            std::vector<std::string> strings;
            for (const QString& item : items) {
                strings.push_back(item.toStdString());
            }
            commit(strings);
            return;
        }
        std::vector<double> numbers;
        for (const QString& item : items) {
            const auto number = parseDouble(item);
            if (!number) {
                reject(tr("`%1` is not a number").arg(item));
                return;
            }
            numbers.push_back(*number);
        }
        commit(numbers);
    }

    QLineEdit* m_edit = nullptr;
};

} // namespace

QString capitalized(QString text) {
    if (!text.isEmpty()) {
        text[0] = text[0].toUpper();
    }
    return text;
}

OptionEditor::OptionEditor(const FieldOption& option, QWidget* widget)
    : QObject(widget), m_option(option), m_widget(widget) {}

void OptionEditor::setHandlers(Commit commit, Reject reject) {
    m_commit = std::move(commit);
    m_reject = std::move(reject);
}

void OptionEditor::addInput(QWidget* input) {
    input->setToolTip(capitalized(fromUtf8(m_option.help)));
    m_inputs << input;
}

void OptionEditor::commit(const OptionValue& value) const {
    if (m_commit) {
        m_commit(value);
    }
}

void OptionEditor::reject(const QString& message) const {
    if (m_reject) {
        m_reject(message);
    }
}

OptionEditor* makeOptionEditor(const FieldKind& kind, const FieldOption& option,
                               const QString& objectBase, Document* document, QWidget* parent) {
    auto* widget = new QWidget(parent);
    switch (option.type) {
    case FieldOptionType::IntegerRange:
    case FieldOptionType::NumberRange:
    case FieldOptionType::DateRange:
        return new RangeEditor(option, objectBase, widget);
    case FieldOptionType::Integer:
    case FieldOptionType::Duration:
        return new IntegerEditor(option, objectBase, widget);
    case FieldOptionType::Number:
    case FieldOptionType::Ratio:
        return new NumberEditor(option, objectBase, widget);
    case FieldOptionType::Choice:
        return new ChoiceEditor(option, objectBase, widget);
    case FieldOptionType::Timestamp:
        return new TimestampEditor(option, objectBase, widget);
    case FieldOptionType::Text:
        return new TextEditor(option, objectBase, widget);
    case FieldOptionType::Flag:
        return new FlagEditor(option, objectBase, widget);
    case FieldOptionType::StringList:
        if (editsAsWeightedTable(kind, option)) {
            return makeWeightedValuesEditor(option, document, widget);
        }
        return new ListEditor(option, objectBase, widget);
    case FieldOptionType::NumberList:
        if (const FieldOption* list = kind.option(option.pairedWith);
            list && editsAsWeightedTable(kind, *list)) {
            delete widget;
            return nullptr;
        }
        return new ListEditor(option, objectBase, widget);
    case FieldOptionType::Fields:
    case FieldOptionType::Element:
        return makeNestedSpecEditor(option, objectBase, widget);
    }
    delete widget;
    return nullptr;
}

} // namespace streamgen::ui
