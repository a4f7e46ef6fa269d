#pragma once

#include <QMainWindow>

class QAction;
class QMenu;
class QSplitter;
class QTabWidget;

namespace streamgen::ui {

class Document;
class EventTypesPanel;
class FieldHistogram;
class FieldInspector;
class FieldsPanel;
class PreviewPanel;
class ProblemsPanel;
class RunController;
class RunPanel;
class RunSettingsPanel;
class YamlPanel;
struct ProblemTarget;

/// The Studio's window: event types | fields over the field inspector and the field's values |
/// tabs with the preview, YAML, problems, run settings and the run dashboard. Owns the document
/// and the File and Edit menus; the panels do the rest.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `Ignore` leaves QSettings alone (no restored geometry, no recent files written), for
    /// screenshots and tests that must look the same on every machine.
    enum class SettingsMode { Remember, Ignore };

    explicit MainWindow(SettingsMode settings = SettingsMode::Remember, QWidget* parent = nullptr);
    ~MainWindow() override;

    Document* document() const { return m_document; }
    EventTypesPanel* eventTypesPanel() const { return m_types; }
    FieldsPanel* fieldsPanel() const { return m_fields; }
    FieldInspector* fieldInspector() const { return m_inspector; }
    FieldHistogram* fieldHistogram() const { return m_histogram; }
    PreviewPanel* previewPanel() const { return m_preview; }
    YamlPanel* yamlPanel() const { return m_yaml; }
    ProblemsPanel* problemsPanel() const { return m_problems; }
    RunSettingsPanel* runSettingsPanel() const { return m_runSettings; }
    QTabWidget* sideTabs() const { return m_tabs; }
    RunController* runController() const { return m_runController; }
    RunPanel* runPanel() const { return m_runPanel; }
    /// Brings the run dashboard to the front.
    void showRunDashboard();

    /// Opens a config, problems and all (they are shown in Problems or, for a text that does not
    /// load, in the YAML view); returns false with the loader's messages in `error` only when the
    /// file cannot be read.
    bool openFile(const QString& path, QString* error);
    /// Saves to `path` (and makes it the document's file); false with a message on failure.
    bool saveTo(const QString& path, QString* error);
    /// Starts an untitled document from a copy of an example config.
    bool newFromExample(const QString& path, QString* error);
    void newBlank();
    /// Shows the window for the target of a problem: its type, field and option.
    void jumpTo(const ProblemTarget& target);

    /// The bundled example configs (resources/examples/*.yaml), source tree first, then the
    /// installed share folder.
    static QStringList exampleFiles();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void updateTitle();
    void updateProblemsTab();
    void rememberRecent(const QString& path);
    void fillRecentMenu();
    void fillExamplesMenu();
    void showProblemsOnOpen();
    bool maybeSave();
    /// Whether to go on saving; when the tables were edited after the text stopped loading,
    /// asks whether to save the text or the tables.
    bool chooseWhatToSave();
    bool save();
    bool saveAs();
    void openDialog();
    void openWithMessage(const QString& path);
    void exportForHeadless();
    void restoreSettings();
    void storeSettings();

    SettingsMode m_settingsMode;
    Document* m_document;
    EventTypesPanel* m_types;
    FieldsPanel* m_fields;
    FieldInspector* m_inspector;
    FieldHistogram* m_histogram;
    PreviewPanel* m_preview;
    YamlPanel* m_yaml;
    ProblemsPanel* m_problems;
    RunSettingsPanel* m_runSettings;
    RunController* m_runController;
    RunPanel* m_runPanel;
    QTabWidget* m_tabs;
    QSplitter* m_mainSplitter;
    QSplitter* m_middleSplitter;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_examplesMenu = nullptr;
    /// Shown in the title for untitled documents ("untitled", or the example's name).
    QString m_untitledName;
};

} // namespace streamgen::ui
