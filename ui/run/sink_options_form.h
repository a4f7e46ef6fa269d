#pragma once

#include "sinks/sink_descriptor.h"

#include <QList>
#include <QWidget>
#include <string>
#include <vector>

class QComboBox;
class QFormLayout;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace streamgen::ui {

class Document;

/// Fills a sink combo with the registered sinks: the name as text and data, the description as
/// tool tip.
void addSinkItems(QComboBox* combo);
/// Selects `type` in a combo filled by `addSinkItems`: an alias selects its sink, and a type this
/// build does not have is shown as written (the Problems panel says why) rather than hidden.
void showSinkType(QComboBox* combo, const std::string& type);

/// The options of the document's sink, built from what its registry entry declares: a line edit
/// per option (a combo for choices and booleans, a Browse button for the folder), the default as
/// placeholder, the help as tool tip; secret options masked until revealed, with a hint while they
/// hold a value instead of a reference. Maps and lists (Kafka `properties`) are kept as written
/// and edited in the YAML view. The full form also lists the options the sink does not declare
/// (configs from dblstreamgen carry some) and can add more. Every edit is a document edit.
class SinkOptionsForm : public QWidget {
    Q_OBJECT
public:
    enum class Scope {
        All,      ///< every option, undeclared ones too (the run settings)
        Required, ///< the options a sink cannot start without (the dashboard)
    };

    SinkOptionsForm(Document* document, Scope scope, QWidget* parent = nullptr);

    /// The editor of a declared option (`sinkOption_<name>`), or nullptr.
    QWidget* editor(const QString& option) const;

private:
    struct Editor {
        const SinkOption* option = nullptr;
        QLineEdit* line = nullptr;
        QComboBox* combo = nullptr;
        QToolButton* reveal = nullptr;
        QLabel* hint = nullptr;
    };
    struct FreeRow {
        QLineEdit* key;
        QLineEdit* value;
        QToolButton* remove;
    };

    void load();
    void clear();
    void addDeclared(const SinkOption& option, const OptionNode* node);
    QWidget* makeLineEditor(Editor& editor, const OptionNode* node);
    QWidget* makeComboEditor(Editor& editor, const OptionNode* node);
    void addFreeRow(const QString& key, const QString& value);
    void addNestedNote(const std::vector<std::string>& keys);
    void updateSecrecy(const Editor& editor);
    void commitDeclared(const SinkOption& option, const QString& value);
    void commitFree(const QString& mergeKey);
    void commitOptions(const OptionNode& options, const QString& mergeKey);
    void browseFolder(QLineEdit* line, const SinkOption& option);
    /// A widget of the form's rows, deleted at the next load.
    template <typename T> T* own(T* widget);

    Document* m_document;
    Scope m_scope;
    bool m_committing = false;
    QFormLayout* m_declared;
    QGridLayout* m_free;
    QPushButton* m_addOption = nullptr;
    std::vector<Editor> m_editors;
    QList<FreeRow> m_rows;
    QList<QWidget*> m_owned;
};

} // namespace streamgen::ui
