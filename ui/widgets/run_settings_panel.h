#pragma once

#include "model/config.h"
#include "ui/document_change.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace streamgen::ui {

class Document;
class SinkOptionsForm;

/// Generation mode, rate or row count, seed, serialization format and the sink with its options
/// (the formats and sinks as engine/ and sinks/ register them). Every edit replaces the run
/// settings through `Document::setRunSettings`.
class RunSettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunSettingsPanel(Document* document, QWidget* parent = nullptr);

    SinkOptionsForm* sinkOptions() const { return m_sinkOptions; }

private:
    /// The generation setting a widget edits; a commit writes only that one, so that values the
    /// widgets cannot show exactly (a rate of 0.25, partitions above the spin box's maximum) are
    /// not rewritten by an edit elsewhere.
    enum class Setting { Mode, Rate, TotalRows, Partitions, Seed, Format, SinkType };

    void load();
    void commit(Setting setting, const QString& mergeKey);
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
    SinkOptionsForm* m_sinkOptions;
    QLabel* m_error;
};

} // namespace streamgen::ui
