#include "fields_model.h"

#include "model/kinds/field_kinds.h"
#include "model/time_format.h"
#include "roles.h"
#include "ui/document.h"
#include "value_format.h"

#include <QFont>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace streamgen::ui {

namespace {

const QList<int> kProblemRoles{Qt::BackgroundRole, Qt::ToolTipRole, ProblemRole};
constexpr int kSummaryValues = 6; ///< string values listed before "+N more"

int64_t toInt64(double value) {
    if (!std::isfinite(value)) {
        return 0;
    }
    constexpr double kLimit = 9.2e18;
    return static_cast<int64_t>(std::llround(std::clamp(value, -kLimit, kLimit)));
}

/// A range option's value for the option of the same name in another kind, where one holds
/// whole numbers and the other numbers (`range` from float to int); nullopt when nothing is to
/// convert (the kinds share the FieldSpec members of their other options).
std::optional<OptionValue> convertedRange(const OptionValue& value, FieldOptionType type) {
    if (const auto* range = std::get_if<NumberRange>(&value);
        range && type == FieldOptionType::IntegerRange) {
        IntegerRange whole{toInt64(std::ceil(range->min)), toInt64(std::floor(range->max))};
        whole.max = std::max(whole.min, whole.max);
        return whole;
    }
    if (const auto* range = std::get_if<IntegerRange>(&value);
        range && type == FieldOptionType::NumberRange) {
        return NumberRange{static_cast<double>(range->min), static_cast<double>(range->max)};
    }
    return std::nullopt;
}

QString fromUtf8(const char* text) {
    return QString::fromUtf8(text);
}

/// "iOS 40% · Android 40% · Web 20%": each value with its share of the weights.
QString sharesSummary(const std::vector<std::string>& values, const std::vector<double>& weights,
                      const OptionUnit& unit) {
    const bool weighted = !weights.empty() && weights.size() == values.size();
    const double sum = weighted ? std::accumulate(weights.begin(), weights.end(), 0.0) : 0.0;
    const int count = static_cast<int>(values.size());
    QStringList parts;
    for (int i = 0; i < count && i < kSummaryValues; ++i) {
        const auto at = static_cast<std::size_t>(i);
        const double share = weighted ? (sum > 0.0 ? weights[at] / sum : 0.0) : 1.0 / count;
        parts << QString::fromStdString(values[at]) + ' ' + formatPercent(share);
    }
    if (count > kSummaryValues) {
        parts << FieldsModel::tr("+%1 more").arg(count - kSummaryValues);
    }
    return parts.isEmpty() ? FieldsModel::tr("no %1").arg(fromUtf8(unit.plural))
                           : parts.join(QStringLiteral(" · "));
}

QString isoTimestamp(int64_t ms) {
    return QString::fromStdString(detail::formatIsoTimestamp(ms));
}

QString isoDate(int32_t days) {
    return QString::fromStdString(detail::formatIsoDate(days));
}

QString span(const QString& low, const QString& high) {
    return low + QStringLiteral(" … ") + high;
}

/// A struct's field names, or the kind of an array's items or a map's key or value.
QString nestedSummary(const std::vector<FieldSpec>& specs, const FieldOption& option) {
    if (option.type == FieldOptionType::Element) {
        return specs.empty() ? QString() : fromUtf8(fieldTypeName(specs.front().type));
    }
    QStringList names;
    for (std::size_t i = 0; i < specs.size() && i < kSummaryValues; ++i) {
        names << QString::fromStdString(specs[i].name);
    }
    if (specs.size() > kSummaryValues) {
        names << FieldsModel::tr("+%1 more").arg(specs.size() - kSummaryValues);
    }
    return QStringLiteral("{") + names.join(QStringLiteral(", ")) + QStringLiteral("}");
}

/// One option's part of a field's summary, by its value type; "" says nothing.
QString optionSummary(const FieldKind& kind, const FieldOption& option, const FieldSpec& field) {
    const OptionValue value = option.get(field);
    if (const auto* range = std::get_if<IntegerRange>(&value)) {
        return span(formatInteger(range->min), formatInteger(range->max));
    }
    if (const auto* range = std::get_if<NumberRange>(&value)) {
        return span(formatShortest(range->min), formatShortest(range->max));
    }
    if (const auto* range = std::get_if<DateRange>(&value)) {
        return span(isoDate(range->first), isoDate(range->last));
    }
    if (option.zeroMeansNone && (value == OptionValue(int64_t{0}) || value == OptionValue(0.0))) {
        return {};
    }
    if (const auto* number = std::get_if<int64_t>(&value)) {
        if (option.type == FieldOptionType::Timestamp) {
            return isoTimestamp(*number);
        }
        const char* unit = *number == 1 ? option.unit.singular : option.unit.plural;
        return QString::number(*number) + (*unit ? ' ' + fromUtf8(unit) : QString());
    }
    if (const auto* number = std::get_if<double>(&value)) {
        return option.type == FieldOptionType::Ratio ? formatPercent(*number)
                                                     : formatShortest(*number);
    }
    if (const auto* choice = std::get_if<std::string>(&value)) {
        return QString::fromStdString(*choice);
    }
    if (const auto* flag = std::get_if<bool>(&value)) {
        // A flag at its default says nothing; changed, it says what it changes.
        return *flag == std::get<bool>(option.get(FieldSpec{})) ? QString()
                                                                : fromUtf8(option.whenChanged);
    }
    if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
        const FieldOption* weights = kind.pairedOption(option);
        const OptionValue paired = weights ? weights->get(field) : OptionValue();
        const auto* numbers = std::get_if<std::vector<double>>(&paired);
        return sharesSummary(*list, numbers ? *numbers : std::vector<double>{}, option.unit);
    }
    if (const auto* specs = std::get_if<std::vector<FieldSpec>>(&value)) {
        return nestedSummary(*specs, option);
    }
    if (const auto* list = std::get_if<std::vector<double>>(&value)) {
        QStringList items;
        for (double item : *list) {
            items << formatShortest(item);
        }
        return items.join(QStringLiteral(", "));
    }
    return fromUtf8(option.whenAbsent);
}

} // namespace

FieldsModel::FieldsModel(Document* document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document) {
    m_commonCount = countFor(-1);
    refreshProblems(false);
    connect(m_document, &Document::changed, this, &FieldsModel::onDocumentChanged);
    connect(m_document, &Document::problemsChanged, this, [this] { refreshProblems(true); });
}

QString FieldsModel::optionsSummary(const FieldSpec& field) {
    // Parts with a label continue a phrase ("sequence from … every 250 ms"); others are listed
    // ("0.99 … 999.99, 2 digits").
    const FieldKind& kind = fieldKind(field.type);
    QString text;
    for (const FieldOption& option : kind.options) {
        const bool pairedWithAList = kind.option(option.pairedWith) != nullptr;
        if (!option.applies(field) || pairedWithAList) {
            continue;
        }
        const QString part = optionSummary(kind, option, field);
        if (part.isEmpty()) {
            continue;
        }
        const QString label = fromUtf8(option.summaryLabel);
        if (!label.isEmpty()) {
            text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + label + ' ' + part;
        } else {
            text += (text.isEmpty() ? QString() : QStringLiteral(", ")) + part;
        }
    }
    return text.isEmpty() ? fromUtf8(kind.summary) : text;
}

namespace {

/// What a new struct, array or map holds before the user says: one word.
std::vector<FieldSpec> starterSpecs(const FieldOption& option) {
    FieldSpec spec;
    spec.name = option.type == FieldOptionType::Element ? option.name : "word";
    spec.type = FieldType::Word;
    return {spec};
}

} // namespace

FieldSpec FieldsModel::withType(const FieldSpec& field, FieldType type) {
    FieldSpec result = field;
    if (field.type == type) {
        return result;
    }
    result.type = type;
    const FieldKind& from = fieldKind(field.type);
    const FieldKind& to = fieldKind(type);
    for (const FieldOption& option : to.options) {
        if (const FieldOption* old = from.option(option.name)) {
            if (auto value = convertedRange(old->get(field), option.type)) {
                option.set(result, *value);
            }
        }
        const OptionValue value = option.get(result);
        const auto* specs = std::get_if<std::vector<FieldSpec>>(&value);
        const bool nested =
            option.type == FieldOptionType::Fields || option.type == FieldOptionType::Element;
        if (nested && (specs == nullptr || specs->empty())) {
            option.set(result, starterSpecs(option));
        }
        const auto* list = std::get_if<std::vector<std::string>>(&value);
        if (option.required && list && list->empty()) {
            // A new list starts usable rather than as a validation error.
            option.set(result, std::vector<std::string>{"a", "b"});
            if (const FieldOption* weights = to.pairedOption(option)) {
                weights->set(result, std::vector<double>{});
            }
        }
    }
    return result;
}

void FieldsModel::setEventType(int type) {
    const int count = static_cast<int>(m_document->config().eventTypes.size());
    const int shown = type >= 0 && type < count ? type : -1;
    if (shown == m_type) {
        return;
    }
    m_type = shown;
    resetRows();
}

int FieldsModel::countFor(int type) const {
    const Config& config = m_document->config();
    if (type < 0) {
        return static_cast<int>(config.commonFields.size());
    }
    return type < static_cast<int>(config.eventTypes.size())
               ? static_cast<int>(config.eventTypes[static_cast<std::size_t>(type)].fields.size())
               : 0;
}

void FieldsModel::resetRows() {
    beginResetModel();
    m_commonCount = countFor(-1);
    m_ownCount = m_type >= 0 ? countFor(m_type) : 0;
    refreshProblems(false);
    endResetModel();
}

FieldRef FieldsModel::fieldRef(int row) const {
    if (row >= 0 && row < m_commonCount) {
        return {-1, row};
    }
    if (m_type >= 0 && row >= m_commonCount && row < m_commonCount + m_ownCount) {
        return {m_type, row - m_commonCount};
    }
    return {m_type, -1};
}

int FieldsModel::rowOf(FieldRef ref) const {
    if (ref.index < 0) {
        return -1;
    }
    if (ref.isCommon()) {
        return ref.index < m_commonCount ? ref.index : -1;
    }
    return ref.type == m_type && ref.index < m_ownCount ? m_commonCount + ref.index : -1;
}

const FieldSpec* FieldsModel::fieldAt(int row) const {
    const FieldRef ref = fieldRef(row);
    return ref.index < 0 ? nullptr : m_document->field(ref);
}

int FieldsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_commonCount + m_ownCount;
}

int FieldsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FieldsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Field");
    case Type:
        return tr("Type");
    case Options:
        return tr("Options");
    case NullPercent:
        return tr("Null");
    default:
        return {};
    }
}

QVariant FieldsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const FieldSpec* field = fieldAt(index.row());
    if (!field) {
        return {};
    }
    const bool common = index.row() < m_commonCount;
    const QString problem = m_problems.at(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case Name:
            return QString::fromStdString(field->name);
        case Type:
            return QString::fromLatin1(fieldTypeName(field->type));
        case Options:
            return optionsSummary(*field);
        case NullPercent:
            return role == Qt::EditRole ? QVariant(field->nullRatio * 100.0)
                                        : QVariant(formatPercent(field->nullRatio));
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        return index.column() == NullPercent ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                             : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::FontRole:
        if (common) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::BackgroundRole:
        if (!problem.isEmpty()) {
            return problemBackground();
        }
        return common ? QVariant(commonFieldBackground()) : QVariant();
    case Qt::ToolTipRole:
        if (!problem.isEmpty()) {
            return problem;
        }
        if (common) {
            return tr("common field: in every event type");
        }
        return index.column() == Options ? QVariant(optionsSummary(*field)) : QVariant();
    case ProblemRole:
        return problem;
    case IsCommonRole:
        return common;
    case FieldRefRole:
        return QVariant::fromValue(fieldRef(index.row()));
    default:
        return {};
    }
}

Qt::ItemFlags FieldsModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() != Options) {
        result |= Qt::ItemIsEditable;
    }
    return result;
}

bool FieldsModel::nameTaken(FieldRef ref, const std::string& name) const {
    const Config& config = m_document->config();
    const auto has = [&](const std::vector<FieldSpec>& fields, int skip) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (static_cast<int>(i) != skip && fields[i].name == name) {
                return true;
            }
        }
        return false;
    };
    if (ref.isCommon()) {
        if (has(config.commonFields, ref.index)) {
            return true;
        }
        // A common field appears in every event type, so it may not repeat any type's field.
        for (const EventType& type : config.eventTypes) {
            if (has(type.fields, -1)) {
                return true;
            }
        }
        return false;
    }
    return has(config.commonFields, -1) ||
           has(config.eventTypes[static_cast<std::size_t>(ref.type)].fields, ref.index);
}

bool FieldsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::EditRole ||
        !value.isValid()) {
        return false;
    }
    const FieldRef ref = fieldRef(index.row());
    const FieldSpec* current = fieldAt(index.row());
    if (!current) {
        return false;
    }
    FieldSpec field = *current;
    switch (index.column()) {
    case Name: {
        const QString text = value.toString().trimmed();
        const std::string name = text.toStdString();
        if (name.empty()) {
            emit editRejected(tr("a field needs a name"));
            return false;
        }
        if (nameTaken(ref, name)) {
            // A common field is part of every event, so its name clashes with any type's field.
            emit editRejected(
                ref.isCommon()
                    ? tr("a field `%1` already exists as a common field or in an event type")
                          .arg(text)
                    : tr("a field `%1` already exists in this event (or as a common field)")
                          .arg(text));
            return false;
        }
        field.name = name;
        m_document->setField(ref, field, QStringLiteral("name"));
        return true;
    }
    case Type: {
        const std::optional<FieldType> type = parseFieldType(value.toString().toStdString());
        if (!type) {
            return false;
        }
        m_document->setField(ref, withType(field, *type));
        return true;
    }
    case NullPercent: {
        bool ok = false;
        QString text = value.toString().trimmed();
        text.remove('%');
        const double percent = text.toDouble(&ok);
        if (!ok || !(percent >= 0.0 && percent <= 100.0)) {
            return false;
        }
        field.nullRatio = percent / 100.0;
        m_document->setField(ref, field, QStringLiteral("null_ratio"));
        return true;
    }
    default:
        return false;
    }
}

void FieldsModel::onDocumentChanged(const DocumentChange& change) {
    switch (change.kind) {
    case DocumentChange::Kind::Structure:
        if (m_type >= static_cast<int>(m_document->config().eventTypes.size())) {
            m_type = -1;
        }
        resetRows();
        return;
    case DocumentChange::Kind::Fields: {
        const bool common = change.type < 0;
        if (!common && change.type != m_type) {
            return;
        }
        if (countFor(-1) != m_commonCount || (m_type >= 0 && countFor(m_type) != m_ownCount)) {
            resetRows();
            return;
        }
        // Same rows, new values: keep the views' selection and current cell.
        const int first = common ? 0 : m_commonCount;
        const int last = common ? m_commonCount - 1 : m_commonCount + m_ownCount - 1;
        if (last >= first) {
            emit dataChanged(index(first, 0), index(last, ColumnCount - 1),
                             {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
        }
        refreshProblems(true);
        return;
    }
    case DocumentChange::Kind::EventType:
    case DocumentChange::Kind::RunSettings:
        return;
    }
}

void FieldsModel::refreshProblems(bool notify) {
    const Config& config = m_document->config();
    CellProblems problems;
    for (const Diagnostic& diagnostic : m_document->problems()) {
        const ProblemTarget target = parseProblemPath(diagnostic.path, config);
        if (!target.isField()) {
            continue;
        }
        int row = -1;
        if (target.common) {
            row = target.fieldIndex < m_commonCount ? target.fieldIndex : -1;
        } else if (target.type == m_type && target.fieldIndex < m_ownCount) {
            row = m_commonCount + target.fieldIndex;
        }
        if (row < 0) {
            continue;
        }
        int column = Options;
        if (target.key == QLatin1String("name")) {
            column = Name;
        } else if (target.key == QLatin1String("null_ratio")) {
            column = NullPercent;
        } else if (target.key == QLatin1String("type")) {
            column = Type;
        }
        problems.add(row, column, QString::fromStdString(diagnostic.message));
    }
    const QList<QPair<int, int>> changedCells = CellProblems::differingCells(m_problems, problems);
    m_problems = std::move(problems);
    if (!notify) {
        return;
    }
    const int rows = m_commonCount + m_ownCount;
    for (const auto& [row, column] : changedCells) {
        if (row < rows) {
            emit dataChanged(index(row, column), index(row, column), kProblemRoles);
        }
    }
}

} // namespace streamgen::ui
