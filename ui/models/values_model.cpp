#include "values_model.h"

#include "roles.h"
#include "ui/document.h"
#include "value_format.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace streamgen::ui {

namespace {

const QList<int> kProblemRoles{Qt::BackgroundRole, Qt::ToolTipRole, ProblemRole};

bool hasWeights(const FieldSpec& field) {
    return !field.weights.empty() && field.weights.size() == field.values.size();
}

double shareOf(const FieldSpec& field, std::size_t value) {
    if (!hasWeights(field)) {
        return field.values.empty() ? 0.0 : 1.0 / static_cast<double>(field.values.size());
    }
    const double sum = std::accumulate(field.weights.begin(), field.weights.end(), 0.0);
    return sum > 0.0 && field.weights[value] > 0.0 ? field.weights[value] / sum : 0.0;
}

} // namespace

ValuesModel::ValuesModel(Document* document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document) {
    connect(m_document, &Document::changed, this, &ValuesModel::onDocumentChanged);
    connect(m_document, &Document::problemsChanged, this, [this] {
        if (!m_ownEdit) {
            refreshProblems(true);
        }
    });
}

void ValuesModel::setField(FieldRef ref) {
    beginResetModel();
    m_ref = ref;
    m_rowCount = currentCount();
    refreshProblems(false);
    endResetModel();
}

const FieldSpec* ValuesModel::currentField() const {
    const FieldSpec* field = m_ref.index >= 0 ? m_document->field(m_ref) : nullptr;
    return field && field->type == FieldType::String ? field : nullptr;
}

int ValuesModel::currentCount() const {
    const FieldSpec* field = currentField();
    return field ? static_cast<int>(field->values.size()) : 0;
}

int ValuesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_rowCount;
}

int ValuesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ValuesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Value:
        return tr("Value");
    case Weight:
        return tr("Weight");
    case Share:
        return tr("Share");
    default:
        return {};
    }
}

QVariant ValuesModel::data(const QModelIndex& index, int role) const {
    const FieldSpec* field = currentField();
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !field ||
        index.row() >= static_cast<int>(field->values.size())) {
        return {};
    }
    const auto row = static_cast<std::size_t>(index.row());
    const QString problem = m_problems.at(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case Value:
            return QString::fromStdString(field->values[row]);
        case Weight:
            if (!hasWeights(*field)) {
                return role == Qt::EditRole ? QVariant(1.0) : QVariant(QString());
            }
            return role == Qt::EditRole ? QVariant(field->weights[row])
                                        : QVariant(formatShortest(field->weights[row]));
        case Share:
            return role == Qt::EditRole ? QVariant(shareOf(*field, row) * 100.0)
                                        : QVariant(formatPercent(shareOf(*field, row)));
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        return index.column() == Value ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                       : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        return problem.isEmpty() ? QVariant() : QVariant(problemBackground());
    case Qt::ToolTipRole:
    case ProblemRole:
        return problem;
    default:
        return {};
    }
}

Qt::ItemFlags ValuesModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() != Share) {
        result |= Qt::ItemIsEditable;
    }
    return result;
}

bool ValuesModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    const FieldSpec* current = currentField();
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::EditRole || !current ||
        !value.isValid() || index.row() >= static_cast<int>(current->values.size())) {
        return false;
    }
    const auto row = static_cast<std::size_t>(index.row());
    FieldSpec field = *current;
    if (index.column() == Value) {
        field.values[row] = value.toString().toStdString();
        m_document->setField(m_ref, field, QStringLiteral("values[%1]").arg(row));
        return true;
    }
    if (index.column() == Weight) {
        bool ok = false;
        const double weight = value.toDouble(&ok);
        if (!ok || !std::isfinite(weight) || weight < 0.0) {
            return false;
        }
        if (!hasWeights(field)) {
            field.weights.assign(field.values.size(), 1.0);
        }
        field.weights[row] = weight;
        m_document->setField(m_ref, field, QStringLiteral("weights[%1]").arg(row));
        return true;
    }
    return false;
}

bool ValuesModel::insertRows(int row, int count, const QModelIndex& parent) {
    const FieldSpec* current = currentField();
    if (parent.isValid() || !current || count <= 0 || row < 0 || row > m_rowCount) {
        return false;
    }
    FieldSpec field = *current;
    const bool weighted = hasWeights(field);
    int suffix = static_cast<int>(field.values.size());
    for (int i = 0; i < count; ++i) {
        std::string name;
        do {
            name = "value_" + std::to_string(++suffix);
        } while (std::find(field.values.begin(), field.values.end(), name) != field.values.end());
        field.values.insert(field.values.begin() + row + i, name);
        if (weighted) {
            field.weights.insert(field.weights.begin() + row + i, 1.0);
        }
    }
    beginInsertRows({}, row, row + count - 1);
    applyOwnEdit(field);
    endInsertRows();
    refreshProblems(true);
    emit dataChanged(index(0, Share), index(m_rowCount - 1, Share),
                     {Qt::DisplayRole, Qt::EditRole});
    return true;
}

bool ValuesModel::removeRows(int row, int count, const QModelIndex& parent) {
    const FieldSpec* current = currentField();
    if (parent.isValid() || !current || count <= 0 || row < 0 || row + count > m_rowCount) {
        return false;
    }
    FieldSpec field = *current;
    field.values.erase(field.values.begin() + row, field.values.begin() + row + count);
    if (hasWeights(*current)) {
        field.weights.erase(field.weights.begin() + row, field.weights.begin() + row + count);
    }
    beginRemoveRows({}, row, row + count - 1);
    applyOwnEdit(field);
    endRemoveRows();
    refreshProblems(true);
    if (m_rowCount > 0) {
        emit dataChanged(index(0, Share), index(m_rowCount - 1, Share),
                         {Qt::DisplayRole, Qt::EditRole});
    }
    return true;
}

void ValuesModel::applyOwnEdit(const FieldSpec& field) {
    // The document announces the edit while rows are being inserted or removed; this model has
    // already told its views, so it ignores that announcement.
    m_ownEdit = true;
    m_document->setField(m_ref, field);
    m_ownEdit = false;
    m_rowCount = currentCount();
}

void ValuesModel::onDocumentChanged(const DocumentChange& change) {
    if (m_ownEdit) {
        return;
    }
    const bool ours = (change.kind == DocumentChange::Kind::Fields && change.type == m_ref.type);
    if (!ours && change.kind != DocumentChange::Kind::Structure) {
        return;
    }
    const int count = currentCount();
    if (count != m_rowCount || change.kind == DocumentChange::Kind::Structure) {
        beginResetModel();
        m_rowCount = count;
        refreshProblems(false);
        endResetModel();
    } else if (m_rowCount > 0) {
        emit dataChanged(index(0, 0), index(m_rowCount - 1, ColumnCount - 1),
                         {Qt::DisplayRole, Qt::EditRole});
    }
}

void ValuesModel::refreshProblems(bool notify) {
    CellProblems problems;
    const std::string path = fieldPath(m_document->config(), m_ref);
    const int count = currentCount();
    if (!path.empty()) {
        const std::string values = path + ".values";
        const std::string weights = path + ".weights";
        for (const Diagnostic& diagnostic : m_document->problems()) {
            const QString message = QString::fromStdString(diagnostic.message);
            if (diagnostic.path == values || diagnostic.path == weights) {
                const int column = diagnostic.path == values ? Value : Weight;
                for (int row = 0; row < count; ++row) {
                    problems.add(row, column, message);
                }
            } else if (diagnostic.path.rfind(weights + "[", 0) == 0) {
                QString number = QString::fromStdString(diagnostic.path.substr(weights.size() + 1));
                number.chop(1); // the closing bracket
                const int row = number.toInt();
                problems.add(row, Weight, message);
            }
        }
    }
    const QList<QPair<int, int>> changedCells = CellProblems::differingCells(m_problems, problems);
    m_problems = std::move(problems);
    if (!notify) {
        return;
    }
    for (const auto& [row, column] : changedCells) {
        if (row < m_rowCount) {
            emit dataChanged(index(row, column), index(row, column), kProblemRoles);
        }
    }
}

} // namespace streamgen::ui
