#include "problems_model.h"

#include "roles.h"
#include "ui/document.h"

#include "sinks/preflight.h"

#include <algorithm>

#include <QBrush>

namespace streamgen::ui {

namespace {

bool sameDiagnostic(const Diagnostic& a, const Diagnostic& b) {
    return a.severity == b.severity && a.location == b.location && a.message == b.message &&
           a.path == b.path;
}

/// The document's problems (those of its text and its validation), then what the preflight of
/// `streamgen validate` and `run` adds: the format, the sink's options, the plan. Each once.
Diagnostics allProblems(const Document& document) {
    Diagnostics problems = document.problems();
    for (Diagnostic& diagnostic : preflight(document.config()).diagnostics) {
        const bool listed = std::any_of(problems.begin(), problems.end(), [&](const Diagnostic& d) {
            return sameDiagnostic(d, diagnostic);
        });
        if (!listed) {
            problems.push_back(std::move(diagnostic));
        }
    }
    return problems;
}

} // namespace

ProblemsModel::ProblemsModel(Document* document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document) {
    refresh();
    // Paths name types by index and fields by name: resolve them against the config they were
    // computed for, which is current both when problems change and after structural edits.
    connect(m_document, &Document::problemsChanged, this, [this] {
        beginResetModel();
        refresh();
        endResetModel();
    });
}

void ProblemsModel::refresh() {
    const Config& config = m_document->config();
    m_rows.clear();
    for (const Diagnostic& diagnostic : allProblems(*m_document)) {
        Row row{diagnostic, parseProblemPath(diagnostic.path, config), {}};
        row.where = readableProblemPath(row.target, diagnostic.path, config);
        if (diagnostic.location.known()) {
            row.where += QStringLiteral(" · %1:%2")
                             .arg(diagnostic.location.line)
                             .arg(diagnostic.location.column);
        }
        m_rows << row;
    }
}

ProblemTarget ProblemsModel::targetOf(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows[row].target : ProblemTarget{};
}

int ProblemsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ProblemsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Severity:
        return tr("Severity");
    case Where:
        return tr("Where");
    case Message:
        return tr("Message");
    default:
        return {};
    }
}

QVariant ProblemsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Row& row = m_rows[index.row()];
    const bool error = row.diagnostic.isError();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Severity:
            return error ? tr("Error") : tr("Warning");
        case Where:
            return row.where;
        case Message:
            return QString::fromStdString(row.diagnostic.message);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return QString::fromStdString(row.diagnostic.path);
    case Qt::ForegroundRole:
        return index.column() == Severity
                   ? QVariant(QBrush(error ? QColor(176, 0, 32) : QColor(160, 100, 0)))
                   : QVariant();
    case ProblemRole:
        return QString::fromStdString(row.diagnostic.message);
    case IsCommonRole:
        return row.target.common;
    case FieldRefRole:
        return row.target.isField() ? QVariant::fromValue(row.target.fieldRef()) : QVariant();
    case TypeColorRole:
        return row.target.type >= 0 ? QVariant(typeColor(row.target.type)) : QVariant();
    default:
        return {};
    }
}

Qt::ItemFlags ProblemsModel::flags(const QModelIndex& index) const {
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                           : Qt::NoItemFlags;
}

} // namespace streamgen::ui
