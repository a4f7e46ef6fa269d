#include "main_window.h"

#include "event_types_panel.h"
#include "export_dialog.h"
#include "field_histogram.h"
#include "field_inspector.h"
#include "fields_panel.h"
#include "model/config_io.h"
#include "preview_panel.h"
#include "problems_panel.h"
#include "run_settings_panel.h"
#include "ui/document.h"
#include "ui/models/event_types_model.h"
#include "ui/models/fields_model.h"
#include "ui/run/run_controller.h"
#include "ui/run/run_panel.h"
#include "yaml_panel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace streamgen::ui {

namespace {

constexpr int kMaxRecentFiles = 8;
const QString kRecentKey = QStringLiteral("recentFiles");

bool isYamlFile(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == "yaml" || suffix == "yml";
}

/// A panel with a bold caption above it.
QWidget* captioned(const QString& caption, QWidget* panel, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(2);
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(caption), box);
    layout->addWidget(label);
    layout->addWidget(panel, 1);
    return box;
}

} // namespace

MainWindow::MainWindow(SettingsMode settings, QWidget* parent)
    : QMainWindow(parent), m_settingsMode(settings), m_document(new Document(this)),
      m_types(new EventTypesPanel(m_document, this)), m_fields(new FieldsPanel(m_document, this)),
      m_inspector(new FieldInspector(m_document, this)),
      m_histogram(new FieldHistogram(m_document, this)),
      m_preview(new PreviewPanel(m_document, this)), m_yaml(new YamlPanel(m_document, this)),
      m_problems(new ProblemsPanel(m_document, this)),
      m_runSettings(new RunSettingsPanel(m_document, this)),
      m_runController(new RunController(m_document, this)),
      m_runPanel(new RunPanel(m_document, m_runController, this)), m_tabs(new QTabWidget(this)),
      m_mainSplitter(new QSplitter(Qt::Horizontal, this)),
      m_middleSplitter(new QSplitter(Qt::Vertical, this)), m_untitledName(tr("untitled")) {
    setObjectName("mainWindow");
    setAcceptDrops(true);
    m_tabs->setObjectName("sideTabs");
    m_tabs->addTab(m_preview, tr("Preview"));
    m_tabs->addTab(m_yaml, tr("YAML"));
    m_tabs->addTab(m_problems, tr("Problems"));
    m_tabs->addTab(m_runSettings, tr("Run settings"));
    m_tabs->addTab(m_runPanel, tr("Run"));
    auto* runStatus = new QLabel(m_runPanel->statusText(), this);
    runStatus->setObjectName("runStatus");
    statusBar()->addPermanentWidget(runStatus);
    connect(m_runPanel, &RunPanel::statusChanged, runStatus, &QLabel::setText);

    m_middleSplitter->setObjectName("middleSplitter");
    m_middleSplitter->addWidget(captioned(tr("Fields"), m_fields, this));
    m_middleSplitter->addWidget(captioned(tr("Field inspector"), m_inspector, this));
    m_middleSplitter->addWidget(captioned(tr("Field values"), m_histogram, this));
    m_middleSplitter->setStretchFactor(0, 3);
    m_middleSplitter->setStretchFactor(1, 2);
    m_middleSplitter->setStretchFactor(2, 2);
    m_middleSplitter->setSizes({240, 330, 230});
    // Splitter states saved before the values pane existed give it no room: it cannot collapse.
    m_middleSplitter->setCollapsible(2, false);
    m_mainSplitter->setObjectName("mainSplitter");
    m_mainSplitter->addWidget(captioned(tr("Event types"), m_types, this));
    m_mainSplitter->addWidget(m_middleSplitter);
    m_mainSplitter->addWidget(m_tabs);
    m_mainSplitter->setStretchFactor(0, 3);
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setStretchFactor(2, 4);
    m_mainSplitter->setSizes({470, 440, 530});
    setCentralWidget(m_mainSplitter);

    connect(m_types, &EventTypesPanel::currentTypeChanged, m_fields, &FieldsPanel::setEventType);
    connect(m_fields, &FieldsPanel::currentFieldChanged, m_inspector, &FieldInspector::setField);
    connect(m_fields, &FieldsPanel::currentFieldChanged, m_histogram, &FieldHistogram::setField);
    connect(m_problems, &ProblemsPanel::jumpRequested, this, &MainWindow::jumpTo);
    // A refused edit (a taken name) is explained at the cell and, a little longer, here.
    const auto showRejection = [this](const QString& reason) {
        statusBar()->showMessage(reason, 5000);
    };
    connect(m_types, &EventTypesPanel::editRejected, this, showRejection);
    connect(m_fields, &FieldsPanel::editRejected, this, showRejection);
    connect(m_document, &Document::fileStateChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::problemsChanged, this, &MainWindow::updateProblemsTab);

    createMenus();
    resize(1280, 800);
    if (m_settingsMode == SettingsMode::Remember) {
        restoreSettings();
    }
    m_fields->setEventType(m_types->currentType());
    updateTitle();
    updateProblemsTab();
}

MainWindow::~MainWindow() = default;

void MainWindow::showRunDashboard() {
    m_tabs->setCurrentWidget(m_runPanel);
    // The dashboard wants width for its plot: give the tabs about half of the window.
    const int width = m_mainSplitter->width();
    m_mainSplitter->setSizes({width * 30 / 100, width * 22 / 100, width * 48 / 100});
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newAction = file->addAction(tr("&New"), this, [this] {
        if (maybeSave()) {
            newBlank();
        }
    });
    newAction->setShortcut(QKeySequence::New);
    m_examplesMenu = file->addMenu(tr("New from &example"));
    fillExamplesMenu();
    file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::openDialog);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &as..."), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    file->addAction(tr("&Export for headless use..."), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                    &MainWindow::exportForHeadless);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addActions({undo, redo});
    edit->addSeparator();
    edit->addActions(m_types->editActions());
    edit->addSeparator();
    edit->addActions(m_fields->editActions());
}

void MainWindow::fillExamplesMenu() {
    m_examplesMenu->clear();
    const QStringList examples = exampleFiles();
    for (const QString& path : examples) {
        m_examplesMenu->addAction(QFileInfo(path).completeBaseName(), this, [this, path] {
            QString error;
            if (maybeSave() && !newFromExample(path, &error)) {
                QMessageBox::warning(this, tr("New from example"), error);
            }
        });
    }
    m_examplesMenu->setEnabled(!examples.isEmpty());
}

QStringList MainWindow::exampleFiles() {
    QStringList folders;
#ifdef STREAMGEN_EXAMPLES_DIR
    folders << QStringLiteral(STREAMGEN_EXAMPLES_DIR);
#endif
    folders << QCoreApplication::applicationDirPath() + "/../share/streamgen/examples";
    for (const QString& folder : folders) {
        const QDir dir(folder);
        const QStringList names = dir.entryList({"*.yaml"}, QDir::Files, QDir::Name);
        if (!names.isEmpty()) {
            QStringList paths;
            for (const QString& name : names) {
                paths << dir.absoluteFilePath(name);
            }
            return paths;
        }
    }
    return {};
}

void MainWindow::updateProblemsTab() {
    const int count = static_cast<int>(m_document->problems().size());
    m_tabs->setTabText(m_tabs->indexOf(m_problems),
                       count ? tr("Problems (%1)").arg(count) : tr("Problems"));
}

void MainWindow::updateTitle() {
    const QString path = m_document->filePath();
    const QString name = path.isEmpty() ? m_untitledName : QFileInfo(path).fileName();
    setWindowFilePath(path);
    setWindowTitle(tr("%1[*] — StreamGen Studio").arg(name));
    setWindowModified(m_document->isModified());
}

bool MainWindow::openFile(const QString& path, QString* error) {
    if (!m_document->open(path, error)) {
        return false;
    }
    rememberRecent(QFileInfo(path).absoluteFilePath());
    m_types->selectType(0);
    updateTitle();
    const int problems = static_cast<int>(m_document->problems().size());
    const QString where = QDir::toNativeSeparators(path);
    statusBar()->showMessage(problems
                                 ? tr("Opened %1 with %n problem(s)", nullptr, problems).arg(where)
                                 : tr("Opened %1").arg(where),
                             4000);
    showProblemsOnOpen();
    return true;
}

void MainWindow::showProblemsOnOpen() {
    // A text that does not load is fixed in the YAML view, where its error is marked; other
    // problems are listed, each a double-click away from its cell.
    if (m_document->brokenText()) {
        m_tabs->setCurrentWidget(m_yaml);
    } else if (!m_document->problems().empty()) {
        m_tabs->setCurrentWidget(m_problems);
    }
}

bool MainWindow::saveTo(const QString& path, QString* error) {
    if (!m_document->save(path, error)) {
        return false;
    }
    rememberRecent(QFileInfo(path).absoluteFilePath());
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

bool MainWindow::newFromExample(const QString& path, QString* error) {
    const LoadResult result = loadConfigFile(path.toStdString());
    if (!result.ok()) {
        if (error) {
            *error = tr("%1 does not load").arg(path);
        }
        return false;
    }
    m_untitledName = QFileInfo(path).completeBaseName();
    m_document->reset(result.config);
    m_types->selectType(0);
    updateTitle();
    return true;
}

void MainWindow::newBlank() {
    m_untitledName = tr("untitled");
    m_document->reset(Config{});
    updateTitle();
}

void MainWindow::openWithMessage(const QString& path) {
    QString error;
    if (!openFile(path, &error)) {
        QMessageBox::warning(this, tr("Open config"),
                             tr("%1 could not be opened:\n\n%2").arg(path, error));
    }
}

void MainWindow::openDialog() {
    if (!maybeSave()) {
        return;
    }
    const QString start = m_document->filePath().isEmpty()
                              ? QDir::currentPath()
                              : QFileInfo(m_document->filePath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open config"), start,
                                                      tr("YAML configs (*.yaml *.yml)"));
    if (!path.isEmpty()) {
        openWithMessage(path);
    }
}

bool MainWindow::save() {
    if (m_document->filePath().isEmpty()) {
        return saveAs();
    }
    if (!chooseWhatToSave()) {
        return false;
    }
    QString error;
    if (!saveTo(m_document->filePath(), &error)) {
        QMessageBox::warning(this, tr("Save"), error);
        return false;
    }
    return true;
}

bool MainWindow::chooseWhatToSave() {
    if (!m_document->configEditedSinceBrokenText()) {
        return true;
    }
    QMessageBox box(QMessageBox::Warning, tr("Save"),
                    tr("The YAML text does not load, and the tables were edited since.\n\n"
                       "Save the text as it is (without the table edits), or save the tables "
                       "(without what the text holds beyond them)?"),
                    QMessageBox::Cancel, this);
    QPushButton* text = box.addButton(tr("Save the text"), QMessageBox::AcceptRole);
    QPushButton* tables = box.addButton(tr("Save the tables"), QMessageBox::AcceptRole);
    box.setDefaultButton(text);
    box.exec();
    if (box.clickedButton() == tables) {
        m_document->discardBrokenText();
    }
    return box.clickedButton() == text || box.clickedButton() == tables;
}

bool MainWindow::saveAs() {
    if (!chooseWhatToSave()) {
        return false;
    }
    const QString suggested = m_document->filePath().isEmpty()
                                  ? QDir::current().absoluteFilePath(m_untitledName + ".yaml")
                                  : m_document->filePath();
    QString path = QFileDialog::getSaveFileName(this, tr("Save config as"), suggested,
                                                tr("YAML configs (*.yaml *.yml)"));
    if (path.isEmpty()) {
        return false;
    }
    if (!isYamlFile(path)) {
        path += ".yaml";
    }
    QString error;
    if (!saveTo(path, &error)) {
        QMessageBox::warning(this, tr("Save as"), error);
        return false;
    }
    return true;
}

bool MainWindow::maybeSave() {
    if (!m_document->isModified()) {
        return true;
    }
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("Save the changes to %1?")
            .arg(m_document->filePath().isEmpty() ? m_untitledName
                                                  : QFileInfo(m_document->filePath()).fileName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) {
        return save();
    }
    return answer == QMessageBox::Discard;
}

void MainWindow::exportForHeadless() {
    if (m_document->brokenText()) {
        QMessageBox::warning(this, tr("Export for headless use"),
                             tr("The YAML text does not load yet; fix it in the YAML view first."));
        m_tabs->setCurrentWidget(m_yaml);
        return;
    }
    // The command must run the config as shown, so unsaved edits are saved first.
    if ((m_document->filePath().isEmpty() || m_document->isModified()) && !save()) {
        return;
    }
    ExportDialog dialog(m_document->config(), m_document->filePath(), this);
    dialog.exec();
}

void MainWindow::jumpTo(const ProblemTarget& target) {
    // A problem of the whole text (a syntax error) is fixed where the text is.
    if (m_document->brokenText() && target.type < 0 && !target.isField() && target.key.isEmpty()) {
        m_tabs->setCurrentWidget(m_yaml);
        m_yaml->editor()->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (target.type >= 0) {
        m_types->selectType(target.type);
    }
    const QString key =
        target.key.left(target.key.indexOf('[') >= 0 ? target.key.indexOf('[') : target.key.size());
    if (target.isField()) {
        m_fields->selectField(target.fieldRef());
        if (key == "name" || key == "type") {
            const int row = m_fields->model()->rowOf(target.fieldRef());
            const int column = key == "name" ? FieldsModel::Name : FieldsModel::Type;
            m_fields->view()->setCurrentIndex(m_fields->model()->index(row, column));
            m_fields->view()->setFocus(Qt::OtherFocusReason);
        } else {
            m_inspector->focusOption(key);
        }
        return;
    }
    if (target.type >= 0) {
        const int column = key == "weight"    ? EventTypesModel::Weight
                           : key == "enabled" ? EventTypesModel::Enabled
                                              : EventTypesModel::Id;
        m_types->view()->setCurrentIndex(m_types->model()->index(target.type, column));
        m_types->view()->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (key.startsWith("event_types") || key.startsWith("common_fields")) {
        m_types->view()->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_tabs->setCurrentWidget(m_runSettings);
    m_runSettings->setFocus(Qt::OtherFocusReason);
}

void MainWindow::rememberRecent(const QString& path) {
    if (m_settingsMode == SettingsMode::Ignore) {
        return;
    }
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentFiles) {
        recent.removeLast();
    }
    settings.setValue(kRecentKey, recent);
}

void MainWindow::fillRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = m_settingsMode == SettingsMode::Remember
                                   ? QSettings().value(kRecentKey).toStringList()
                                   : QStringList();
    for (const QString& path : recent) {
        QAction* action =
            m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] {
                if (maybeSave()) {
                    openWithMessage(path);
                }
            });
        action->setEnabled(QFileInfo::exists(path));
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
    }
}

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    m_mainSplitter->restoreState(settings.value("window/mainSplitter").toByteArray());
    m_middleSplitter->restoreState(settings.value("window/middleSplitter").toByteArray());
    m_tabs->setCurrentIndex(settings.value("window/sideTab", 0).toInt());
}

void MainWindow::storeSettings() {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("window/mainSplitter", m_mainSplitter->saveState());
    settings.setValue("window/middleSplitter", m_middleSplitter->saveState());
    settings.setValue("window/sideTab", m_tabs->currentIndex());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_runController->isActive()) {
        // A live run stops first so that its sink flushes what it was handed; the window stays
        // responsive meanwhile and closes once the run has finished.
        connect(m_runController, &RunController::finished, this, &QWidget::close,
                Qt::SingleShotConnection);
        m_runController->stop();
        statusBar()->showMessage(tr("Stopping the run before closing..."));
        event->ignore();
        return;
    }
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    if (m_settingsMode == SettingsMode::Remember) {
        storeSettings();
    }
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile() && isYamlFile(urls.first().toLocalFile())) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile()) {
        return;
    }
    event->acceptProposedAction();
    if (maybeSave()) {
        openWithMessage(urls.first().toLocalFile());
    }
}

} // namespace streamgen::ui
