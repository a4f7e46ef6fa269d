#include "preview_model.h"

#include <QBrush>
#include <QColor>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace streamgen::ui {

namespace {

const QString kTypeKey = QStringLiteral("event_type_id");

/// Index just past the JSON string starting at `pos` (a quote), or -1.
qsizetype skipString(const QString& text, qsizetype pos) {
    for (qsizetype i = pos + 1; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == '"') {
            return i + 1;
        }
    }
    return -1;
}

/// Index just past the JSON value starting at `pos`, or -1.
qsizetype skipValue(const QString& text, qsizetype pos) {
    int depth = 0;
    for (qsizetype i = pos; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == '"') {
            i = skipString(text, i);
            if (i < 0) {
                return -1;
            }
            if (depth == 0) {
                return i;
            }
            --i;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0) {
                return i;
            }
            if (--depth == 0) {
                return i + 1;
            }
        } else if (c == ',' && depth == 0) {
            return i;
        }
    }
    return depth == 0 ? text.size() : -1;
}

qsizetype skipSpace(const QString& text, qsizetype pos) {
    while (pos < text.size() && text[pos].isSpace()) {
        ++pos;
    }
    return pos;
}

} // namespace

PreviewModel::PreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

QList<QPair<QString, QString>> PreviewModel::splitObject(const QString& json) {
    QList<QPair<QString, QString>> members;
    qsizetype pos = skipSpace(json, 0);
    if (pos >= json.size() || json[pos] != '{') {
        return {};
    }
    pos = skipSpace(json, pos + 1);
    while (pos < json.size() && json[pos] == '"') {
        const qsizetype keyEnd = skipString(json, pos);
        if (keyEnd < 0) {
            return {};
        }
        // The key's escapes are decoded by reading it as a one-element JSON array.
        const QString key =
            QJsonDocument::fromJson(('[' + json.mid(pos, keyEnd - pos) + ']').toUtf8())
                .array()
                .at(0)
                .toString();
        pos = skipSpace(json, keyEnd);
        if (pos >= json.size() || json[pos] != ':') {
            return {};
        }
        const qsizetype valueStart = skipSpace(json, pos + 1);
        const qsizetype valueEnd = skipValue(json, valueStart);
        if (valueEnd < 0) {
            return {};
        }
        members.append({key, json.mid(valueStart, valueEnd - valueStart).trimmed()});
        pos = skipSpace(json, valueEnd);
        if (pos < json.size() && json[pos] == ',') {
            pos = skipSpace(json, pos + 1);
        }
    }
    return members;
}

QString PreviewModel::bytesColumnName() {
    return tr("size (bytes)");
}

void PreviewModel::setRows(const QStringList& payloads) {
    QList<Row> rows;
    rows.reserve(payloads.size());
    for (const QString& payload : payloads) {
        Row row;
        for (const auto& [key, value] : splitObject(payload)) {
            row.cells.append({key, value, value == QLatin1String("null")});
        }
        rows << row;
    }
    setTable(rows, false, payloads);
}

void PreviewModel::setTable(const QList<Row>& rows, bool showBytes, const QStringList& payloads) {
    QStringList columns;
    QList<QHash<QString, Cell>> cells;
    cells.reserve(rows.size());
    for (const Row& row : rows) {
        QHash<QString, Cell> byName;
        for (const Cell& cell : row.cells) {
            if (!byName.contains(cell.name) && !columns.contains(cell.name)) {
                columns << cell.name;
            }
            byName.insert(cell.name, cell);
        }
        if (showBytes) {
            byName.insert(bytesColumnName(), {bytesColumnName(), QString::number(row.bytes), false});
        }
        cells << byName;
    }
    if (const qsizetype typeColumn = columns.indexOf(kTypeKey); typeColumn > 0) {
        columns.move(typeColumn, 0);
    }
    // Next to the type, where the size of each event can be compared without scrolling.
    if (showBytes) {
        columns.insert(columns.isEmpty() ? 0 : 1, bytesColumnName());
    }
    const bool sameShape = columns == m_columns && cells.size() == m_rows.size();
    if (!sameShape) {
        beginResetModel();
    }
    m_payloads = payloads;
    m_columns = columns;
    m_rows = cells;
    m_showBytes = showBytes;
    if (!sameShape) {
        endResetModel();
    } else if (!m_rows.isEmpty() && !m_columns.isEmpty()) {
        // Same rows and columns: keep the view's scroll position and current cell.
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                         {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole});
    }
}

int PreviewModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PreviewModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant PreviewModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 &&
        section < m_columns.size()) {
        return m_columns[section];
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

QVariant PreviewModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const auto& row = m_rows[index.row()];
    const auto it = row.constFind(m_columns[index.column()]);
    if (it == row.cend()) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return it.value().text;
    case Qt::ForegroundRole:
        return it.value().null ? QVariant(QBrush(QColor(Qt::gray))) : QVariant();
    default:
        return {};
    }
}

Qt::ItemFlags PreviewModel::flags(const QModelIndex& index) const {
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                           : Qt::NoItemFlags;
}

} // namespace streamgen::ui
