// Builds dblstreamgen's quick-start config from a blank document through the Studio's widgets
// only, saves it, and checks it with model/ and with `streamgen validate`.
#include "model/config_io.h"
#include "ui/document.h"
#include "ui/edit_command.h"
#include "ui/models/event_types_model.h"
#include "ui/models/fields_model.h"
#include "ui/models/values_model.h"
#include "ui/widgets/event_types_panel.h"
#include "ui/widgets/field_inspector.h"
#include "ui/widgets/fields_panel.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/run_settings_panel.h"
#include "widgets_test_support.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

using namespace streamgen;
using namespace streamgen::ui;
using namespace streamgen::ui::test;

class AuthoringTests : public QObject {
    Q_OBJECT

private:
    MainWindow* m_window = nullptr;

    QTableView* typesView() { return m_window->eventTypesPanel()->view(); }
    QTableView* fieldsView() { return m_window->fieldsPanel()->view(); }
    FieldsModel* fields() { return m_window->fieldsPanel()->model(); }

    /// Adds an event type with the toolbar and names it in the editor the action opens.
    void addType(const QString& id, double weight) {
        m_window->eventTypesPanel()->addTypeAction()->trigger();
        const int row = m_window->eventTypesPanel()->currentType();
        QVERIFY(row >= 0);
        QVERIFY(
            typeIntoCell(typesView(), typesView()->model()->index(row, EventTypesModel::Id), id));
        QVERIFY(spinCell(typesView(), typesView()->model()->index(row, EventTypesModel::Weight),
                         weight));
        QCOMPARE(m_window->fieldsPanel()->eventType(), row);
    }

    /// Adds a field to the current type with the toolbar, names it and picks its type.
    void addField(const QString& name, const QString& type) {
        m_window->fieldsPanel()->addFieldAction()->trigger();
        const int row = fields()->rowOf(m_window->fieldsPanel()->currentField());
        QVERIFY(row >= 0);
        QVERIFY(typeIntoCell(fieldsView(), fields()->index(row, FieldsModel::Name), name));
        if (type != "int") {
            QVERIFY(chooseInCell(fieldsView(), fields()->index(row, FieldsModel::Type), type));
        }
        QCOMPARE(fields()->index(row, FieldsModel::Name).data().toString(), name);
        QCOMPARE(m_window->fieldInspector()->field(), m_window->fieldsPanel()->currentField());
    }

    template <typename T> T* inspectorChild(const char* name) {
        T* child = m_window->fieldInspector()->findChild<T*>(name);
        if (!child) {
            qFatal("no inspector widget %s", name);
        }
        return child;
    }

    void setIntRange(const QString& min, const QString& max) {
        retype(inspectorChild<QLineEdit>("intMin"), min);
        retype(inspectorChild<QLineEdit>("intMax"), max);
    }

    void openQuickstart() {
        QString error;
        QVERIFY2(
            m_window->openFile(STREAMGEN_SOURCE_DIR "/resources/examples/quickstart.yaml", &error),
            qPrintable(error));
    }

    /// Shows the run settings tab in the active window, so that its line edits can take focus.
    RunSettingsPanel* showRunSettings() {
        m_window->sideTabs()->setCurrentWidget(m_window->runSettingsPanel());
        m_window->activateWindow();
        if (!QTest::qWaitForWindowActive(m_window)) {
            qWarning("the window did not become active");
        }
        return m_window->runSettingsPanel();
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        // The quickstart's secret references must resolve for it to have no problems.
        for (const char* name :
             {"STREAMGEN_SECRET_my_scope_aws_key", "STREAMGEN_SECRET_my_scope_aws_secret",
              "STREAMGEN_SECRET_my_scope_eh_connection"}) {
            qputenv(name, "test-value");
        }
    }

    void init() {
        m_window = new MainWindow(MainWindow::SettingsMode::Ignore);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanup() {
        m_window->document()->undoStack()->setClean();
        delete m_window;
    }

    void quickstartBuiltThroughWidgetsLoadsAndValidates() {
        m_window->newBlank();
        QCOMPARE(typesView()->model()->rowCount(), 0);

        // Without an event type, a new field is a common field.
        addField("user_id", "int");
        QVERIFY(m_window->fieldsPanel()->currentField().isCommon());
        setIntRange("1", "1000000");

        addType("user.session.start", 0.5);
        addField("session_id", "uuid");
        addField("device_type", "string");
        auto* valuesView = inspectorChild<QTableView>("valuesView");
        QAbstractItemModel* values = valuesView->model();
        // A new string field starts with two values; rename them and add the third.
        QCOMPARE(values->rowCount(), 2);
        QVERIFY(typeIntoCell(valuesView, values->index(0, ValuesModel::Value), "iOS"));
        QVERIFY(typeIntoCell(valuesView, values->index(1, ValuesModel::Value), "Android"));
        QTest::mouseClick(inspectorChild<QPushButton>("addValue"), Qt::LeftButton);
        QCOMPARE(values->rowCount(), 3);
        QVERIFY(typeIntoCell(valuesView, values->index(2, ValuesModel::Value), "Web"));
        QVERIFY(spinCell(valuesView, values->index(0, ValuesModel::Weight), 0.4));
        QVERIFY(spinCell(valuesView, values->index(1, ValuesModel::Weight), 0.4));
        QVERIFY(spinCell(valuesView, values->index(2, ValuesModel::Weight), 0.2));

        addType("user.purchase", 0.3);
        addField("transaction_id", "uuid");
        addField("amount", "float");
        retype(inspectorChild<QLineEdit>("floatMin"), "0.99");
        retype(inspectorChild<QLineEdit>("floatMax"), "999.99");

        addType("user.session.end", 0.2);
        addField("session_duration_sec", "int");
        setIntRange("60", "7200");

        // Run settings: the Event Hubs sink, its options in the form its declaration builds,
        // the credential entered as a reference.
        RunSettingsPanel* panel = m_window->runSettingsPanel();
        auto* sinkType = panel->findChild<QComboBox*>("sinkType");
        QVERIFY(sinkType->findData("delta") >= 0);
        sinkType->setCurrentIndex(sinkType->findData("eventhubs"));
        emit sinkType->activated(sinkType->currentIndex());
        const auto option = [panel](const char* name) {
            return panel->findChild<QLineEdit*>(QString("sinkOption_") + name);
        };
        QVERIFY(option("namespace") && option("event_hub") && option("connection_string"));
        QTest::keyClicks(option("namespace"), "my-namespace");
        QTest::keyClicks(option("event_hub"), "clicks");
        QLineEdit* value = option("connection_string");
        QTest::keyClicks(value, "{{secrets/my-scope/eh-connection}}");
        // A reference is not the secret itself, so it stays readable.
        QCOMPARE(value->echoMode(), QLineEdit::Normal);

        const Diagnostics& problems = m_window->document()->problems();
        QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().message.c_str());
        QVERIFY(m_window->document()->isModified());
        QVERIFY(m_window->windowTitle().contains("[*]"));
        QVERIFY(m_window->isWindowModified());

        QTemporaryDir dir;
        const QString path = dir.filePath("quickstart.yaml");
        QString error;
        QVERIFY2(m_window->saveTo(path, &error), qPrintable(error));
        QVERIFY(!m_window->isWindowModified());
        QVERIFY(m_window->windowTitle().startsWith("quickstart.yaml"));

        const LoadResult saved = loadConfigFile(path.toStdString());
        QVERIFY(saved.ok());
        const LoadResult expected =
            loadConfigFile(STREAMGEN_SOURCE_DIR "/resources/examples/quickstart.yaml");
        QVERIFY(expected.ok());
        QVERIFY(saved.config.commonFields == expected.config.commonFields);
        QCOMPARE(saved.config.eventTypes.size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i) {
            QCOMPARE(saved.config.eventTypes[i].id, expected.config.eventTypes[i].id);
            QCOMPARE(saved.config.eventTypes[i].weight, expected.config.eventTypes[i].weight);
            QVERIFY2(saved.config.eventTypes[i].fields == expected.config.eventTypes[i].fields,
                     expected.config.eventTypes[i].id.c_str());
        }
        QCOMPARE(saved.config.sink.type, std::string("eventhubs"));
        const OptionNode* credential = saved.config.sink.options.find("connection_string");
        QVERIFY(credential);
        QCOMPARE(credential->scalar, std::string("{{secrets/my-scope/eh-connection}}"));

        QProcess validate;
        validate.start(STREAMGEN_BINARY_DIR "/app/streamgen", {"validate", path});
        QVERIFY(validate.waitForFinished(30000));
        QVERIFY2(validate.exitCode() == 0, validate.readAllStandardError().constData());
        QVERIFY(validate.readAllStandardOutput().contains("ok: 3 event types"));
    }

    void deleteKeyRemovesAllSelectedEventTypesInOneUndoStep() {
        QString error;
        QVERIFY(
            m_window->openFile(STREAMGEN_SOURCE_DIR "/resources/examples/quickstart.yaml", &error));
        QTableView* view = typesView();
        view->setFocus();
        view->selectionModel()->select(view->model()->index(0, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        view->selectionModel()->select(view->model()->index(2, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->model()->index(0, EventTypesModel::Id).data().toString(),
                 QString("user.purchase"));
        m_window->document()->undoStack()->undo();
        QCOMPARE(view->model()->rowCount(), 3);
    }

    void ctrlDownMovesTheCurrentEventTypeAndKeepsItSelected() {
        QString error;
        QVERIFY(
            m_window->openFile(STREAMGEN_SOURCE_DIR "/resources/examples/quickstart.yaml", &error));
        m_window->eventTypesPanel()->selectType(0);
        typesView()->setFocus();
        QTest::keyClick(typesView(), Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(typesView()->model()->index(1, EventTypesModel::Id).data().toString(),
                 QString("user.session.start"));
        QCOMPARE(m_window->eventTypesPanel()->currentType(), 1);
        QCOMPARE(m_window->fieldsPanel()->eventType(), 1);
    }

    void openingAndLeavingTheWeightEditorKeepsTheWeight() {
        openQuickstart();
        Document* document = m_window->document();
        document->setEventTypeWeight(0, 0.333333333333);
        document->setEventTypeWeight(1, 5e12);
        const int steps = document->undoStack()->count();
        for (int row : {0, 1}) {
            const QModelIndex weight = typesView()->model()->index(row, EventTypesModel::Weight);
            auto* spin = qobject_cast<QDoubleSpinBox*>(openEditor(typesView(), weight));
            QVERIFY(spin);
            // Return commits what the editor holds: only a value the user changed may be written.
            QTest::keyClick(spin, Qt::Key_Return);
            QVERIFY(waitUntilClosed(typesView(), weight));
        }
        QCOMPARE(document->config().eventTypes[0].weight, 0.333333333333);
        QCOMPARE(document->config().eventTypes[1].weight, 5e12);
        QCOMPARE(document->undoStack()->count(), steps);

        // A weight with many decimals is shown as it is, and a real change is still written.
        QVERIFY(spinCell(typesView(), typesView()->model()->index(0, EventTypesModel::Weight),
                         0.123456789));
        QCOMPARE(document->config().eventTypes[0].weight, 0.123456789);
        QCOMPARE(document->undoStack()->count(), steps + 1);
    }

    void aTakenEventTypeIdIsExplainedAtTheCellAndInTheStatusBar() {
        openQuickstart();
        QSignalSpy rejected(m_window->eventTypesPanel(), &EventTypesPanel::editRejected);
        const QModelIndex id = typesView()->model()->index(1, EventTypesModel::Id);
        QVERIFY(typeIntoCell(typesView(), id, "user.session.end"));
        QCOMPARE(id.data().toString(), QString("user.purchase"));
        QCOMPARE(rejected.count(), 1);
        const QString reason = rejected.at(0).at(0).toString();
        QCOMPARE(reason, QString("an event type `user.session.end` already exists"));
        QCOMPARE(m_window->statusBar()->currentMessage(), reason);
    }

    void aTakenFieldNameIsExplainedAtTheCell() {
        openQuickstart();
        m_window->eventTypesPanel()->selectType(1);
        QSignalSpy rejected(m_window->fieldsPanel(), &FieldsPanel::editRejected);
        const QModelIndex name = fields()->index(2, FieldsModel::Name);
        QVERIFY(typeIntoCell(fieldsView(), name, "user_id"));
        QCOMPARE(name.data().toString(), QString("amount"));
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(rejected.at(0).at(0).toString(),
                 QString("a field `user_id` already exists in this event (or as a common field)"));
        QCOMPARE(m_window->statusBar()->currentMessage(), rejected.at(0).at(0).toString());
    }

    void undoWhileTypingASinkOptionKeyPushesNothing() {
        openQuickstart();
        Document* document = m_window->document();
        const OptionNode original = document->config().sink.options;
        Config settings = runSettingsOf(document->config());
        settings.sink.options = OptionNode{};
        settings.sink.options.set("topic", "events");
        document->setRunSettings(settings);
        QCOMPARE(document->undoStack()->count(), 1);

        RunSettingsPanel* panel = showRunSettings();
        // Rows of earlier loads linger hidden until their deferred deletion.
        QLineEdit* key = nullptr;
        for (QLineEdit* edit : panel->findChildren<QLineEdit*>("optionKey0")) {
            key = edit->isHidden() ? key : edit;
        }
        QVERIFY(key);
        QCOMPARE(key->text(), QString("topic"));
        key->setFocus();
        QTest::keyClicks(key, "_name");
        QVERIFY(key->hasFocus());

        // Undo reloads the panel, which takes the focused key edit away; that must not commit.
        document->undoStack()->undo();
        QCOMPARE(document->undoStack()->count(), 1);
        QCOMPARE(document->undoStack()->index(), 0);
        QVERIFY(document->config().sink.options == original);
        QCoreApplication::processEvents();
        QCOMPARE(document->undoStack()->count(), 1);
        document->undoStack()->redo();
        QVERIFY(document->config().sink.options.find("topic"));
        QCOMPARE(document->undoStack()->index(), 1);
    }

    void editingTheSeedKeepsRateAndPartitionsTheWidgetsCannotShow() {
        openQuickstart();
        Document* document = m_window->document();
        Config settings = runSettingsOf(document->config());
        settings.totalRowsPerSecond = 0.25;
        settings.batchPartitions = 5000000;
        document->setRunSettings(settings);

        RunSettingsPanel* panel = showRunSettings();
        retype(panel->findChild<QLineEdit*>("seed"), "4242");
        const Config& config = document->config();
        QCOMPARE(config.seed, uint64_t(4242));
        QCOMPARE(config.totalRowsPerSecond, 0.25);
        QCOMPARE(config.batchPartitions, 5000000);
    }

    void makeCommonAndBackMovesTheFieldBetweenLists() {
        QString error;
        QVERIFY(
            m_window->openFile(STREAMGEN_SOURCE_DIR "/resources/examples/quickstart.yaml", &error));
        m_window->eventTypesPanel()->selectType(1);
        m_window->fieldsPanel()->selectField(FieldRef{1, 0}); // transaction_id
        m_window->fieldsPanel()->makeCommonAction()->trigger();
        const Config& config = m_window->document()->config();
        QCOMPARE(config.commonFields.size(), std::size_t(2));
        QCOMPARE(config.commonFields.back().name, std::string("transaction_id"));
        QCOMPARE(m_window->fieldsPanel()->currentField(), (FieldRef{-1, 1}));
        m_window->fieldsPanel()->moveToTypeAction()->trigger();
        QCOMPARE(m_window->document()->config().commonFields.size(), std::size_t(1));
        QCOMPARE(m_window->document()->config().eventTypes[1].fields.back().name,
                 std::string("transaction_id"));
    }

    void aStructsFieldsAreEditedAsYamlInTheInspectorInOneUndoStep() {
        openQuickstart();
        m_window->eventTypesPanel()->selectType(1);
        addField("customer", "struct");
        const auto fieldOf = [this] {
            return m_window->document()->config().eventTypes[1].fields.back();
        };
        QCOMPARE(fieldOf().type, FieldType::Struct);
        QCOMPARE(fieldOf().children.size(), std::size_t(1)); // a starter word
        auto* yaml = inspectorChild<QPlainTextEdit>("structFields");
        auto* apply = inspectorChild<QPushButton>("structFieldsApply");
        QVERIFY(yaml->toPlainText().contains("word"));
        QVERIFY(!apply->isEnabled());
        yaml->setPlainText("name: full_name\nage: {type: int, range: [18, 90]}\n");
        QVERIFY(apply->isEnabled());
        const int steps = m_window->document()->undoStack()->count();
        apply->click();
        QCOMPARE(m_window->document()->undoStack()->count(), steps + 1);
        QCOMPARE(fieldOf().children.size(), std::size_t(2));
        QCOMPARE(fieldOf().children[0].type, FieldType::FullName);
        QCOMPARE(fieldOf().children[1].intMax, int64_t(90));
        QVERIFY(!apply->isEnabled());

        yaml->setPlainText("age: {type: int, range: [9, 1]}\n");
        apply->click();
        QCOMPARE(fieldOf().children.size(), std::size_t(2)); // refused, nothing changed
        auto* error = inspectorChild<QLabel>("fieldsError");
        QVERIFY(error->text().contains("inverted range"));
        QVERIFY(error->text().contains("fields:1:"));

        m_window->document()->undoStack()->undo();
        QCOMPARE(fieldOf().children.size(), std::size_t(1));
        QVERIFY(yaml->toPlainText().contains("word"));
    }

    void anArraysItemsAndAMapsValueStartAsWordsAndTakeATypeName() {
        openQuickstart();
        m_window->eventTypesPanel()->selectType(1);
        addField("tags", "array");
        const auto fieldOf = [this] {
            return m_window->document()->config().eventTypes[1].fields.back();
        };
        QCOMPARE(fieldOf().children.at(0).type, FieldType::Word);
        auto* items = inspectorChild<QPlainTextEdit>("arrayItems");
        items->setPlainText("city");
        inspectorChild<QPushButton>("arrayItemsApply")->click();
        QCOMPARE(fieldOf().children.at(0).type, FieldType::City);
        QCOMPARE(fieldOf().children.at(0).name, std::string("items"));
        QVERIFY(m_window->document()->problems().empty());

        addField("attributes", "map");
        QCOMPARE(fieldOf().children.size(), std::size_t(2));
        QCOMPARE(fieldOf().children[0].type, FieldType::Word);
        QCOMPARE(fieldOf().children[1].type, FieldType::Word);
        QVERIFY(m_window->document()->problems().empty());
    }
};

QTEST_MAIN(AuthoringTests)
#include "widgets_test_authoring.moc"
