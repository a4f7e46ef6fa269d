#pragma once

#include "model/config.h"
#include "ui/document_change.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace streamgen::ui {

class Document;

/// Generation mode, rate or row count, seed, serialization and the sink with its options. Every
/// edit replaces the run settings through `Document::setRunSettings`.
class RunSettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunSettingsPanel(Document* document, QWidget* parent = nullptr);

    /// True for option keys that usually hold credentials (key, secret, password, token...).
    static bool looksSecret(const QString& key);

private:
    struct OptionRow {
        QLineEdit* key;
        QLineEdit* value;
        QWidget* reveal;
        QWidget* remove;
        QLabel* hint;
    };

    /// The generation setting a widget edits; a commit writes only that one, so that values the
    /// widgets cannot show exactly (a rate of 0.25, partitions above the spin box's maximum) are
    /// not rewritten by an edit elsewhere.
    enum class Setting { Mode, Rate, TotalRows, Partitions, Seed, Format, SinkType };

    void load();
    void loadOptions();
    void commit(Setting setting, const QString& mergeKey);
    void commitOptions(const QString& mergeKey);
    void addOptionRow(const QString& key, const QString& value);
    void updateRowSecrecy(int row);
    void randomSeed();

    Document* m_document;
    bool m_committing = false;
    /// The widgets are being filled from the document; what they emit meanwhile is no edit.
    bool m_loading = false;
    QComboBox* m_mode;
    QDoubleSpinBox* m_rate;
    QLineEdit* m_totalRows;
    QSpinBox* m_partitions;
    QLineEdit* m_seed;
    QComboBox* m_format;
    QComboBox* m_sinkType;
    QGridLayout* m_optionsGrid;
    QLabel* m_error;
    QList<OptionRow> m_rows;
    /// Sink options that are not scalars (e.g. Kafka `properties:`); edited in the YAML view and
    /// kept as they are here.
    std::vector<std::pair<std::string, OptionNode>> m_nested;
};

} // namespace streamgen::ui
