#include "counters_model.h"

#include "run_controller.h"
#include "ui/models/roles.h"

#include <QLocale>

namespace streamgen::ui {

CountersModel::CountersModel(RunController* controller, QObject* parent)
    : QAbstractTableModel(parent), m_controller(controller) {
    connect(controller, &RunController::sampled, this, &CountersModel::refresh);
    connect(controller, &RunController::finished, this, &CountersModel::refresh);
    connect(controller, &RunController::stateChanged, this, &CountersModel::refresh);
}

int CountersModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_rows;
}

int CountersModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

void CountersModel::refresh() {
    const QStringList ids = m_controller->typeIds();
    if (ids != m_ids) {
        beginResetModel();
        m_ids = ids;
        m_rows = static_cast<int>(ids.size());
        endResetModel();
        return;
    }
    if (m_rows > 0) {
        emit dataChanged(index(0, Generated), index(m_rows - 1, ColumnCount - 1),
                         {Qt::DisplayRole, Qt::EditRole});
    }
}

QVariant CountersModel::value(int row, int column) const {
    const MetricsSnapshot& snapshot = m_controller->snapshot();
    if (row >= static_cast<int>(snapshot.perType.size())) {
        return {};
    }
    const TypeCounters& c = snapshot.perType[static_cast<std::size_t>(row)];
    const auto& samples = m_controller->samples();
    const double total = static_cast<double>(snapshot.total.generated);
    switch (column) {
    case Generated:
        return QVariant::fromValue(c.generated);
    case Delivered:
        return QVariant::fromValue(c.delivered);
    case Failed:
        return QVariant::fromValue(c.failed);
    case Bytes:
        return QVariant::fromValue(c.bytes);
    case Rate:
        return samples.empty() ? 0.0 : samples.back().rates[static_cast<std::size_t>(row)];
    case TargetRate:
        return samples.empty() ? 0.0 : samples.back().targets[static_cast<std::size_t>(row)];
    case Share:
        return total > 0 ? 100.0 * static_cast<double>(c.generated) / total : 0.0;
    case TargetShare: {
        const auto& shares = m_controller->targetShares();
        return row < static_cast<int>(shares.size()) ? 100.0 * shares[static_cast<std::size_t>(row)]
                                                     : QVariant();
    }
    default:
        return {};
    }
}

QVariant CountersModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows) {
        return {};
    }
    const int row = index.row();
    if (index.column() == Type) {
        if (role == Qt::DisplayRole) {
            return m_ids.value(row);
        }
        if (role == Qt::DecorationRole || role == TypeColorRole) {
            return typeColor(row);
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    const QVariant v = value(row, index.column());
    if (role == Qt::EditRole) {
        return v;
    }
    if (role != Qt::DisplayRole || !v.isValid()) {
        return {};
    }
    const QLocale locale;
    switch (index.column()) {
    case Bytes:
        return locale.formattedDataSize(v.toLongLong());
    case Rate:
    case TargetRate:
        return locale.toString(v.toDouble(), 'f', 0) + "/s";
    case Share:
    case TargetShare:
        return locale.toString(v.toDouble(), 'f', 1) + " %";
    default:
        return locale.toString(v.toULongLong());
    }
}

QVariant CountersModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    static const char* const names[ColumnCount] = {
        QT_TR_NOOP("Event type"), QT_TR_NOOP("Generated"), QT_TR_NOOP("Delivered"),
        QT_TR_NOOP("Failed"),     QT_TR_NOOP("Bytes"),     QT_TR_NOOP("Rate"),
        QT_TR_NOOP("Target"),     QT_TR_NOOP("Share"),     QT_TR_NOOP("Target share")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace streamgen::ui
