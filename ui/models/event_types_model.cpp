#include "event_types_model.h"

#include "roles.h"
#include "ui/document.h"
#include "value_format.h"

#include <QDataStream>
#include <QFont>
#include <QGuiApplication>
#include <QIODevice>
#include <QMimeData>
#include <QPalette>
#include <algorithm>
#include <cmath>

namespace streamgen::ui {

namespace {

const QString kRowsMimeType = QStringLiteral("application/x-streamgen-event-type-rows");
const QList<int> kProblemRoles{Qt::BackgroundRole, Qt::ToolTipRole, ProblemRole};

} // namespace

EventTypesModel::EventTypesModel(Document* document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document) {
    m_rowCount = static_cast<int>(m_document->config().eventTypes.size());
    refreshProblems(false);
    connect(m_document, &Document::changed, this, &EventTypesModel::onDocumentChanged);
    connect(m_document, &Document::problemsChanged, this, [this] { refreshProblems(true); });
}

int EventTypesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_rowCount;
}

int EventTypesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTypesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Id:
            return tr("Event type");
        case Weight:
            return tr("Weight");
        case Share:
            return tr("Share");
        case TargetRate:
            return tr("Target rate");
        case FieldCount:
            return tr("Fields");
        case Enabled:
            return tr("Enabled");
        default:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Weight:
            return tr("Relative weight; the share is weight / sum of the enabled weights");
        case TargetRate:
            return tr("Events per second of this type: total rate x share");
        case FieldCount:
            return tr("Fields of the type itself, without the common fields");
        default:
            break;
        }
    }
    return {};
}

QVariant EventTypesModel::displayData(int row, int column) const {
    const Config& config = m_document->config();
    const EventType& type = config.eventTypes[static_cast<std::size_t>(row)];
    switch (column) {
    case Id:
        return QString::fromStdString(type.id);
    case Weight:
        return formatShortest(type.weight);
    case Share:
        return formatPercent(config.shareOf(static_cast<std::size_t>(row)));
    case TargetRate:
        if (config.generationMode == GenerationMode::Batch || config.totalRowsPerSecond <= 0.0) {
            return QStringLiteral("—");
        }
        return tr("%1/s").arg(formatNumber(
            config.totalRowsPerSecond * config.shareOf(static_cast<std::size_t>(row)), 1));
    case FieldCount:
        return static_cast<int>(type.fields.size());
    default:
        return {};
    }
}

QVariant EventTypesModel::data(const QModelIndex& index, int role) const {
    const Config& config = m_document->config();
    const int row = index.row();
    const int column = index.column();
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) ||
        row >= static_cast<int>(config.eventTypes.size())) {
        return {};
    }
    const EventType& type = config.eventTypes[static_cast<std::size_t>(row)];
    switch (role) {
    case Qt::DisplayRole:
        return column == Enabled ? QVariant() : displayData(row, column);
    case Qt::EditRole:
        switch (column) {
        case Id:
            return QString::fromStdString(type.id);
        case Weight:
            return type.weight;
        case Share:
            return config.shareOf(static_cast<std::size_t>(row)) * 100.0;
        case TargetRate:
            return config.totalRowsPerSecond * config.shareOf(static_cast<std::size_t>(row));
        case FieldCount:
            return static_cast<int>(type.fields.size());
        case Enabled:
            return type.enabled;
        default:
            return {};
        }
    case Qt::CheckStateRole:
        return column == Enabled ? QVariant(type.enabled ? Qt::Checked : Qt::Unchecked)
                                 : QVariant();
    case Qt::TextAlignmentRole:
        return column == Id ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (!type.enabled) {
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        }
        return {};
    case Qt::DecorationRole:
        return column == Id ? QVariant(typeColor(row)) : QVariant();
    case Qt::BackgroundRole:
        return problemAt(row, column).isEmpty() ? QVariant() : QVariant(problemBackground());
    case Qt::ToolTipRole: {
        const QString problem = problemAt(row, column);
        if (!problem.isEmpty()) {
            return problem;
        }
        if (column == FieldCount) {
            return tr("%1 own fields, %2 common fields")
                .arg(type.fields.size())
                .arg(config.commonFields.size());
        }
        return {};
    }
    case ProblemRole:
        return problemAt(row, column);
    case TypeColorRole:
        return typeColor(row);
    default:
        return {};
    }
}

Qt::ItemFlags EventTypesModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) {
        return Qt::ItemIsDropEnabled;
    }
    Qt::ItemFlags result =
        Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
    if (index.column() == Id || index.column() == Weight) {
        result |= Qt::ItemIsEditable;
    } else if (index.column() == Enabled) {
        result |= Qt::ItemIsUserCheckable;
    }
    return result;
}

bool EventTypesModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    const Config& config = m_document->config();
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !value.isValid() ||
        index.row() >= static_cast<int>(config.eventTypes.size())) {
        return false;
    }
    const int row = index.row();
    const EventType& type = config.eventTypes[static_cast<std::size_t>(row)];
    if (index.column() == Id && role == Qt::EditRole) {
        const QString id = value.toString().trimmed();
        if (id.isEmpty()) {
            emit editRejected(tr("an event type needs an id"));
            return false;
        }
        const int existing = config.indexOfType(id.toStdString());
        if (existing >= 0 && existing != row) {
            emit editRejected(tr("an event type `%1` already exists").arg(id));
            return false;
        }
        m_document->setEventTypeId(row, id);
        return true;
    }
    if (index.column() == Weight && role == Qt::EditRole) {
        bool ok = false;
        const double weight = value.toDouble(&ok);
        if (!ok || !std::isfinite(weight) || weight < 0.0) {
            return false;
        }
        m_document->setEventTypeWeight(row, weight);
        return true;
    }
    if (index.column() == Enabled && role == Qt::CheckStateRole) {
        const bool enabled = value.value<Qt::CheckState>() == Qt::Checked ||
                             (value.typeId() == QMetaType::Bool && value.toBool());
        if (enabled != type.enabled) {
            m_document->setEventTypeEnabled(row, enabled);
        }
        return true;
    }
    return false;
}

void EventTypesModel::onDocumentChanged(const DocumentChange& change) {
    const int count = static_cast<int>(m_document->config().eventTypes.size());
    switch (change.kind) {
    case DocumentChange::Kind::Structure:
        beginResetModel();
        m_rowCount = count;
        refreshProblems(false);
        endResetModel();
        return;
    case DocumentChange::Kind::EventType:
        if (change.type >= 0 && change.type < m_rowCount) {
            emit dataChanged(
                index(change.type, 0), index(change.type, ColumnCount - 1),
                {Qt::DisplayRole, Qt::EditRole, Qt::CheckStateRole, Qt::ForegroundRole});
        }
        if (m_rowCount > 0) {
            // A weight or enabled state changes every type's share.
            emit dataChanged(index(0, Share), index(m_rowCount - 1, TargetRate),
                             {Qt::DisplayRole, Qt::EditRole});
        }
        return;
    case DocumentChange::Kind::Fields:
        if (change.type >= 0 && change.type < m_rowCount) {
            emit dataChanged(index(change.type, FieldCount), index(change.type, FieldCount),
                             {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
        } else if (change.type < 0 && m_rowCount > 0) {
            emit dataChanged(index(0, FieldCount), index(m_rowCount - 1, FieldCount),
                             {Qt::ToolTipRole});
        }
        return;
    case DocumentChange::Kind::RunSettings:
        if (m_rowCount > 0) {
            emit dataChanged(index(0, TargetRate), index(m_rowCount - 1, TargetRate),
                             {Qt::DisplayRole, Qt::EditRole});
        }
        return;
    }
}

void EventTypesModel::refreshProblems(bool notify) {
    const Config& config = m_document->config();
    CellProblems problems;
    for (const Diagnostic& diagnostic : m_document->problems()) {
        const ProblemTarget target = parseProblemPath(diagnostic.path, config);
        if (target.type < 0 || target.common) {
            continue;
        }
        const QString message = QString::fromStdString(diagnostic.message);
        if (target.isField()) {
            const QString field =
                QString::fromStdString(config.eventTypes[static_cast<std::size_t>(target.type)]
                                           .fields[static_cast<std::size_t>(target.fieldIndex)]
                                           .name);
            problems.add(target.type, FieldCount, field + ": " + message);
        } else if (target.key == QLatin1String("weight")) {
            problems.add(target.type, Weight, message);
        } else {
            problems.add(target.type, Id, message);
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

QString EventTypesModel::problemAt(int row, int column) const {
    return m_problems.at(row, column);
}

Qt::DropActions EventTypesModel::supportedDropActions() const {
    return Qt::MoveAction;
}

Qt::DropActions EventTypesModel::supportedDragActions() const {
    return Qt::MoveAction;
}

QStringList EventTypesModel::mimeTypes() const {
    return {kRowsMimeType};
}

QMimeData* EventTypesModel::mimeData(const QModelIndexList& indexes) const {
    QList<int> rows;
    for (const QModelIndex& index : indexes) {
        if (index.isValid() && !rows.contains(index.row())) {
            rows << index.row();
        }
    }
    if (rows.isEmpty()) {
        return nullptr;
    }
    std::sort(rows.begin(), rows.end());
    QByteArray encoded;
    QDataStream stream(&encoded, QIODevice::WriteOnly);
    stream << rows;
    auto* data = new QMimeData;
    data->setData(kRowsMimeType, encoded);
    return data;
}

bool EventTypesModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int row,
                                      int column, const QModelIndex& parent) const {
    Q_UNUSED(row)
    Q_UNUSED(column)
    Q_UNUSED(parent)
    return data && action == Qt::MoveAction && data->hasFormat(kRowsMimeType);
}

bool EventTypesModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row,
                                   int column, const QModelIndex& parent) {
    if (!canDropMimeData(data, action, row, column, parent)) {
        return false;
    }
    QList<int> rows;
    QDataStream stream(data->data(kRowsMimeType));
    stream >> rows;
    // Dropped onto a row: insert before it; dropped below the last row: append.
    int destination = row;
    if (destination < 0) {
        destination = parent.isValid() ? parent.row() : m_rowCount;
    }
    return moveTypes(rows, destination);
}

bool EventTypesModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
                               const QModelIndex& destinationParent, int destinationChild) {
    if (sourceParent.isValid() || destinationParent.isValid() || count <= 0) {
        return false;
    }
    QList<int> rows;
    for (int i = 0; i < count; ++i) {
        rows << sourceRow + i;
    }
    return moveTypes(rows, destinationChild);
}

bool EventTypesModel::moveTypes(QList<int> rows, int destination) {
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty() || rows.front() < 0 || rows.back() >= m_rowCount || destination < 0 ||
        destination > m_rowCount) {
        return false;
    }
    // The final order is computed in one go and applied as one edit (one undo step): the rows
    // that stay keep their order, and the moved rows, in their order, stand before the row that
    // was at `destination`, i.e. after the staying rows above it.
    const std::vector<EventType>& types = m_document->config().eventTypes;
    std::vector<EventType> moved;
    std::vector<EventType> staying;
    std::size_t insertAt = 0;
    for (int row = 0; row < static_cast<int>(types.size()); ++row) {
        const EventType& type = types[static_cast<std::size_t>(row)];
        if (rows.contains(row)) {
            moved.push_back(type);
        } else {
            staying.push_back(type);
            if (row < destination) {
                ++insertAt;
            }
        }
    }
    Config config = m_document->config();
    config.eventTypes = std::move(staying);
    config.eventTypes.insert(config.eventTypes.begin() + static_cast<std::ptrdiff_t>(insertAt),
                             moved.begin(), moved.end());
    // An unchanged order pushes nothing (the Document skips edits that change nothing).
    m_document->replaceConfig(config, rows.size() == 1 ? tr("Move event type")
                                                       : tr("Move %n event types", nullptr,
                                                            static_cast<int>(rows.size())));
    return true;
}

} // namespace streamgen::ui
