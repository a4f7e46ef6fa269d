#include "problem_paths.h"

#include <QSet>

namespace streamgen::ui {

namespace {

/// The field whose name is the longest prefix of `rest` ending at a dot or at the end;
/// sets `key` to what follows the name.
int matchField(const std::vector<FieldSpec>& fields, const std::string& rest, QString* key) {
    int best = -1;
    std::size_t bestLength = 0;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string& name = fields[i].name;
        const bool whole = rest == name;
        const bool prefix = rest.size() > name.size() && rest.compare(0, name.size(), name) == 0 &&
                            rest[name.size()] == '.';
        if ((whole || prefix) && (best < 0 || name.size() > bestLength)) {
            best = static_cast<int>(i);
            bestLength = name.size();
        }
    }
    if (best >= 0) {
        *key = rest.size() == bestLength ? QStringLiteral("name")
                                         : QString::fromStdString(rest.substr(bestLength + 1));
    }
    return best;
}

QString typeLabel(const Config& config, int type) {
    if (type < 0 || type >= static_cast<int>(config.eventTypes.size())) {
        return QStringLiteral("event type %1").arg(type + 1);
    }
    const std::string& id = config.eventTypes[static_cast<std::size_t>(type)].id;
    return id.empty() ? QStringLiteral("event type %1").arg(type + 1) : QString::fromStdString(id);
}

} // namespace

ProblemTarget parseProblemPath(const std::string& path, const Config& config) {
    ProblemTarget target;
    static const std::string typesPrefix = "event_types[";
    static const std::string commonPrefix = "common_fields.";
    if (path.rfind(typesPrefix, 0) == 0) {
        const std::size_t close = path.find(']', typesPrefix.size());
        if (close == std::string::npos) {
            target.key = QString::fromStdString(path);
            return target;
        }
        bool ok = false;
        const int type =
            QString::fromStdString(path.substr(typesPrefix.size(), close - typesPrefix.size()))
                .toInt(&ok);
        if (!ok || type < 0 || type >= static_cast<int>(config.eventTypes.size())) {
            target.key = QString::fromStdString(path);
            return target;
        }
        target.type = type;
        const std::string rest = path.substr(close + 1);
        static const std::string fieldsPrefix = ".fields.";
        if (rest.rfind(fieldsPrefix, 0) == 0) {
            target.fieldIndex = matchField(config.eventTypes[static_cast<std::size_t>(type)].fields,
                                           rest.substr(fieldsPrefix.size()), &target.key);
        } else {
            target.key = QString::fromStdString(rest.empty() ? rest : rest.substr(1));
        }
        return target;
    }
    if (path.rfind(commonPrefix, 0) == 0) {
        target.common = true;
        target.fieldIndex =
            matchField(config.commonFields, path.substr(commonPrefix.size()), &target.key);
        return target;
    }
    target.key = QString::fromStdString(path);
    return target;
}

QString readableProblemPath(const ProblemTarget& target, const std::string& path,
                            const Config& config) {
    static const QString separator = QStringLiteral(" › ");
    QStringList parts;
    if (target.common) {
        parts << QStringLiteral("common fields");
    } else if (target.type >= 0) {
        parts << typeLabel(config, target.type);
    }
    if (target.isField()) {
        const FieldSpec& field =
            target.common ? config.commonFields[static_cast<std::size_t>(target.fieldIndex)]
                          : config.eventTypes[static_cast<std::size_t>(target.type)]
                                .fields[static_cast<std::size_t>(target.fieldIndex)];
        parts << (field.name.empty() ? QStringLiteral("(unnamed field)")
                                     : QString::fromStdString(field.name));
        if (target.key != QLatin1String("name")) {
            parts << target.key;
        }
    } else if (target.type >= 0 || target.common) {
        if (!target.key.isEmpty()) {
            parts << target.key;
        }
    } else {
        parts << QString::fromStdString(path).split('.', Qt::SkipEmptyParts);
    }
    return parts.join(separator);
}

std::string fieldPath(const Config& config, FieldRef ref) {
    const std::vector<FieldSpec>* fields = nullptr;
    std::string prefix;
    if (ref.isCommon()) {
        fields = &config.commonFields;
        prefix = "common_fields";
    } else if (ref.type < static_cast<int>(config.eventTypes.size())) {
        fields = &config.eventTypes[static_cast<std::size_t>(ref.type)].fields;
        prefix = "event_types[" + std::to_string(ref.type) + "].fields";
    }
    if (!fields || ref.index < 0 || ref.index >= static_cast<int>(fields->size())) {
        return {};
    }
    return prefix + "." + (*fields)[static_cast<std::size_t>(ref.index)].name;
}

void CellProblems::add(int row, int column, const QString& message) {
    QString& cell = m_cells[qMakePair(row, column)];
    cell = cell.isEmpty() ? message : cell + '\n' + message;
}

QString CellProblems::at(int row, int column) const {
    return m_cells.value(qMakePair(row, column));
}

QList<QPair<int, int>> CellProblems::differingCells(const CellProblems& a, const CellProblems& b) {
    QSet<QPair<int, int>> cells;
    for (auto it = a.m_cells.cbegin(); it != a.m_cells.cend(); ++it) {
        if (b.m_cells.value(it.key()) != it.value()) {
            cells.insert(it.key());
        }
    }
    for (auto it = b.m_cells.cbegin(); it != b.m_cells.cend(); ++it) {
        if (!a.m_cells.contains(it.key())) {
            cells.insert(it.key());
        }
    }
    return cells.values();
}

} // namespace streamgen::ui
