#include "fields_model.h"

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

bool isIntType(FieldType type) {
    return type == FieldType::Int || type == FieldType::Long;
}

bool isFloatType(FieldType type) {
    return type == FieldType::Float || type == FieldType::Double;
}

int64_t toInt64(double value) {
    if (!std::isfinite(value)) {
        return 0;
    }
    constexpr double kLimit = 9.2e18;
    return static_cast<int64_t>(std::llround(std::clamp(value, -kLimit, kLimit)));
}

QString stringSummary(const FieldSpec& field) {
    const bool weighted = !field.weights.empty() && field.weights.size() == field.values.size();
    const double sum =
        weighted ? std::accumulate(field.weights.begin(), field.weights.end(), 0.0) : 0.0;
    const int count = static_cast<int>(field.values.size());
    QStringList parts;
    for (int i = 0; i < count && i < kSummaryValues; ++i) {
        const double share =
            weighted ? (sum > 0.0 ? field.weights[static_cast<std::size_t>(i)] / sum : 0.0)
                     : 1.0 / count;
        parts << QString::fromStdString(field.values[static_cast<std::size_t>(i)]) + ' ' +
                     formatPercent(share);
    }
    if (count > kSummaryValues) {
        parts << FieldsModel::tr("+%1 more").arg(count - kSummaryValues);
    }
    return parts.isEmpty() ? FieldsModel::tr("no values") : parts.join(QStringLiteral(" · "));
}

QString timestampSummary(const FieldSpec& field) {
    const auto iso = [](int64_t ms) {
        return QString::fromStdString(detail::formatIsoTimestamp(ms));
    };
    switch (field.timestampMode) {
    case TimestampMode::Now:
        return QStringLiteral("now");
    case TimestampMode::Sequence:
        return FieldsModel::tr("sequence from %1 every %2 ms")
            .arg(iso(field.beginMs), QString::number(field.intervalMs));
    case TimestampMode::Random:
        return iso(field.beginMs) + QStringLiteral(" … ") + iso(field.endMs);
    }
    return {};
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
    switch (field.type) {
    case FieldType::Int:
    case FieldType::Long:
        return formatInteger(field.intMin) + QStringLiteral(" … ") + formatInteger(field.intMax);
    case FieldType::Float:
    case FieldType::Double: {
        QString text =
            formatShortest(field.floatMin) + QStringLiteral(" … ") + formatShortest(field.floatMax);
        if (field.precision) {
            text +=
                *field.precision == 1 ? tr(", 1 digit") : tr(", %1 digits").arg(*field.precision);
        }
        return text;
    }
    case FieldType::String:
        return stringSummary(field);
    case FieldType::Boolean:
        return QStringLiteral("true ") + formatPercent(field.trueRatio);
    case FieldType::Timestamp:
        return timestampSummary(field);
    case FieldType::Date:
        if (!field.dateRange) {
            return tr("today");
        }
        return QString::fromStdString(detail::formatIsoDate(field.dateRange->first)) +
               QStringLiteral(" … ") +
               QString::fromStdString(detail::formatIsoDate(field.dateRange->second));
    case FieldType::Uuid:
        return QStringLiteral("uuid v4");
    }
    return {};
}

FieldSpec FieldsModel::withType(const FieldSpec& field, FieldType type) {
    FieldSpec result = field;
    if (field.type == type) {
        return result;
    }
    result.type = type;
    if (isIntType(type) && isFloatType(field.type)) {
        result.intMin = toInt64(std::ceil(field.floatMin));
        result.intMax = toInt64(std::floor(field.floatMax));
        if (result.intMin > result.intMax) {
            result.intMax = result.intMin;
        }
    } else if (isFloatType(type) && isIntType(field.type)) {
        result.floatMin = static_cast<double>(field.intMin);
        result.floatMax = static_cast<double>(field.intMax);
    } else if (type == FieldType::String && result.values.empty()) {
        result.values = {"a", "b"};
        result.weights.clear();
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
