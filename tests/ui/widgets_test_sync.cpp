// The Studio's views stay in step: weight edits reach the share column, the YAML and the
// preview (and undo brings all three back), problems appear at the cell and in the list, the
// YAML text drives the tables, and the preview is exactly what `streamgen preview` prints.
#include "model/config_io.h"
#include "ui/document.h"
#include "ui/models/event_types_model.h"
#include "ui/models/fields_model.h"
#include "ui/models/preview_model.h"
#include "ui/models/problems_model.h"
#include "ui/models/roles.h"
#include "ui/widgets/event_types_panel.h"
#include "ui/widgets/export_dialog.h"
#include "ui/widgets/field_inspector.h"
#include "ui/widgets/fields_panel.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/preview_panel.h"
#include "ui/widgets/problems_panel.h"
#include "ui/widgets/yaml_panel.h"
#include "widgets_test_support.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBlock>

using namespace streamgen;
using namespace streamgen::ui;
using namespace streamgen::ui::test;

namespace {

const QString kQuickstart =
    QStringLiteral(STREAMGEN_SOURCE_DIR "/resources/examples/quickstart.yaml");

QStringList cliPreview(const QString& config, const QStringList& extra) {
    QProcess process;
    process.start(STREAMGEN_BINARY_DIR "/app/streamgen",
                  QStringList{"preview", config, "-n", "20"} + extra);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        return {"streamgen preview failed: " + process.readAllStandardError()};
    }
    return QString::fromUtf8(process.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
}

} // namespace

class SyncTests : public QObject {
    Q_OBJECT

private:
    MainWindow* m_window = nullptr;
    QTemporaryDir m_dir;

    EventTypesModel* types() { return m_window->eventTypesPanel()->model(); }
    QString share(int row) { return types()->index(row, EventTypesModel::Share).data().toString(); }
    QString yamlText() { return m_window->yamlPanel()->editor()->toPlainText(); }
    QStringList previewRows() { return m_window->previewPanel()->model()->payloads(); }

    /// Waits for the preview to show a refresh made after this call.
    bool waitForPreview() {
        QSignalSpy spy(m_window->previewPanel(), &PreviewPanel::updated);
        return spy.wait(5000);
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
        QSignalSpy ready(m_window->previewPanel(), &PreviewPanel::updated);
        QString error;
        QVERIFY2(m_window->openFile(kQuickstart, &error), qPrintable(error));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        QTRY_VERIFY(!ready.isEmpty() && previewRows().size() == PreviewPanel::kDefaultCount);
    }

    void cleanup() {
        m_window->document()->undoStack()->setClean();
        delete m_window;
    }

    void weightEditUpdatesShareYamlAndPreviewAndUndoRestoresThem() {
        const QString shareBefore = share(0);
        const QString yamlBefore = yamlText();
        const QStringList previewBefore = previewRows();
        QCOMPARE(shareBefore, QString("50%"));

        QTableView* view = m_window->eventTypesPanel()->view();
        auto* spin = qobject_cast<QDoubleSpinBox*>(
            openEditor(view, types()->index(0, EventTypesModel::Weight)));
        QVERIFY(spin);
        // Typing commits on every keystroke: the share follows before the editor closes.
        spin->selectAll();
        QTest::keyClicks(spin, "5");
        QVERIFY(view->indexWidget(types()->index(0, EventTypesModel::Weight)));
        QCOMPARE(m_window->document()->config().eventTypes[0].weight, 5.0);
        QCOMPARE(share(0), QString("90.9%"));
        QVERIFY(yamlText() != yamlBefore);
        QVERIFY(yamlText().contains("weight: 5"));
        QVERIFY(waitForPreview());
        QVERIFY(previewRows() != previewBefore);
        QTest::keyClick(spin, Qt::Key_Return);

        QCOMPARE(m_window->document()->undoStack()->count(), 1);
        m_window->document()->undoStack()->undo();
        QCOMPARE(share(0), shareBefore);
        QCOMPARE(yamlText(), yamlBefore);
        QVERIFY(waitForPreview());
        QCOMPARE(previewRows(), previewBefore);
    }

    void invertedRangeIsListedAndTintedUntilFixed() {
        m_window->eventTypesPanel()->selectType(2);
        m_window->fieldsPanel()->selectField(FieldRef{2, 0}); // session_duration_sec [60, 7200]
        FieldsModel* fields = m_window->fieldsPanel()->model();
        const int row = fields->rowOf(FieldRef{2, 0});
        const QModelIndex options = fields->index(row, FieldsModel::Options);
        auto* min = m_window->fieldInspector()->findChild<QLineEdit*>("intMin");
        QVERIFY(min && min->isVisible());
        QCOMPARE(min->text(), QString("60"));
        QVERIFY(options.data(ProblemRole).toString().isEmpty());

        retype(min, "9000");
        ProblemsModel* problems = m_window->problemsPanel()->model();
        QCOMPARE(problems->rowCount(), 1);
        QVERIFY(problems->index(0, ProblemsModel::Message).data().toString().contains("9000"));
        QVERIFY(!options.data(ProblemRole).toString().isEmpty());
        QCOMPARE(options.data(Qt::BackgroundRole).value<QColor>(), problemBackground());
        QVERIFY(!m_window->fieldInspector()->shownError("range").isEmpty());
        QVERIFY(!min->styleSheet().isEmpty());

        // Double-clicking the problem from elsewhere comes back to the field and its editor.
        m_window->eventTypesPanel()->selectType(0);
        QTableView* list = m_window->problemsPanel()->view();
        const QModelIndex first = problems->index(0, ProblemsModel::Message);
        QSignalSpy jumps(m_window->problemsPanel(), &ProblemsPanel::jumpRequested);
        const QPoint at = list->visualRect(first).center();
        // A real double-click starts with a click; the view only reacts to a second press on
        // the item it saw pressed.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(jumps.count(), 1);
        QCOMPARE(m_window->eventTypesPanel()->currentType(), 2);
        QCOMPARE(m_window->fieldsPanel()->currentField(), (FieldRef{2, 0}));

        retype(min, "60");
        QCOMPARE(problems->rowCount(), 0);
        QVERIFY(options.data(ProblemRole).toString().isEmpty());
        QVERIFY(m_window->fieldInspector()->shownError("range").isEmpty());
        QVERIFY(min->styleSheet().isEmpty());
    }

    void unreadableDateIsShownAtTheFieldAndNotApplied() {
        m_window->eventTypesPanel()->selectType(0);
        m_window->fieldsPanel()->selectField(FieldRef{0, 0});
        QTableView* view = m_window->fieldsPanel()->view();
        const int row = m_window->fieldsPanel()->model()->rowOf(FieldRef{0, 0});
        QVERIFY(chooseInCell(view, m_window->fieldsPanel()->model()->index(row, FieldsModel::Type),
                             "timestamp"));
        auto* mode = m_window->fieldInspector()->findChild<QComboBox*>("timestampMode");
        mode->setCurrentIndex(mode->findData(int(TimestampMode::Sequence)));
        emit mode->activated(mode->currentIndex());
        const Config before = m_window->document()->config();
        auto* begin = m_window->fieldInspector()->findChild<QLineEdit*>("timestampBegin");
        retype(begin, "2024-13-45");
        QVERIFY(m_window->fieldInspector()->shownError("begin").contains("2024-13-45"));
        QVERIFY(m_window->document()->config() == before);
        retype(begin, "2024-05-01T00:00:00Z");
        QVERIFY(m_window->fieldInspector()->shownError("begin").isEmpty());
        QCOMPARE(m_window->document()->config().eventTypes[0].fields[0].beginMs,
                 int64_t(1714521600000));
    }

    void yamlEditUpdatesTablesAndBrokenYamlKeepsTheDocument() {
        QPlainTextEdit* editor = m_window->yamlPanel()->editor();
        QString text = yamlText();
        QVERIFY(text.contains("user.purchase"));
        editor->setFocus();
        editor->setPlainText(text.replace("user.purchase", "user.buy"));
        // Applied after the pause, without pressing anything.
        QTRY_COMPARE(types()->index(1, EventTypesModel::Id).data().toString(), QString("user.buy"));
        QVERIFY(m_window->yamlPanel()->errorText().isEmpty());

        const Config before = m_window->document()->config();
        const int undoSteps = m_window->document()->undoStack()->count();
        QTextCursor cursor(editor->document()->findBlockByNumber(3));
        editor->setTextCursor(cursor);
        QTest::keyClicks(editor, "  broken: [unclosed");
        QTest::keyClick(editor, Qt::Key_Return);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(!m_window->yamlPanel()->errorText().isEmpty());
        QVERIFY(m_window->yamlPanel()->errorLine() > 0);
        QVERIFY(m_window->yamlPanel()->errorText().startsWith(
            QString("Line %1").arg(m_window->yamlPanel()->errorLine())));
        QVERIFY(!editor->extraSelections().isEmpty());
        QVERIFY(m_window->document()->config() == before);
        // The document keeps the text (so that Save does not lose it) in one undo step.
        QVERIFY(m_window->document()->brokenText());
        QCOMPARE(m_window->document()->undoStack()->count(), undoSteps + 1);
        QCOMPARE(types()->index(1, EventTypesModel::Id).data().toString(), QString("user.buy"));
    }

    void documentChangeKeepsUnappliedYamlUntilApplyOrRevert() {
        YamlPanel* panel = m_window->yamlPanel();
        QPlainTextEdit* editor = panel->editor();
        auto* revert = panel->findChild<QPushButton*>("revertYaml");
        auto* status = panel->findChild<QLabel*>("yamlStatus");
        QVERIFY(revert && status);
        QVERIFY(revert->isHidden());
        Document* document = m_window->document();

        // An edit waiting for the pause, then a change elsewhere.
        QString mine = yamlText();
        editor->setPlainText(mine.replace("user.purchase", "user.buy"));
        document->setEventTypeWeight(0, 2.0);
        QCOMPARE(yamlText(), mine);
        QVERIFY(panel->isOutOfDate());
        QVERIFY(status->text().contains("not applied"));
        QVERIFY(!revert->isHidden());
        // The pause passes without applying the text over the newer change.
        QTest::qWait(YamlPanel::kApplyDelayMs + 200);
        QCOMPARE(document->config().eventTypes[0].weight, 2.0);
        QCOMPARE(types()->index(1, EventTypesModel::Id).data().toString(),
                 QString("user.purchase"));
        QCOMPARE(yamlText(), mine);

        QTest::mouseClick(revert, Qt::LeftButton);
        QVERIFY(!panel->isOutOfDate());
        QVERIFY(revert->isHidden());
        QCOMPARE(yamlText(), QString::fromStdString(saveConfigString(document->config())));
        QVERIFY(yamlText().contains("weight: 2"));

        // A text that does not parse is kept too; Apply then takes the user's text.
        QString broken = yamlText();
        broken.replace("user.purchase", "user.buy");
        broken += "\nbroken: [";
        editor->setPlainText(broken);
        QVERIFY(!panel->apply());
        QVERIFY(!panel->errorText().isEmpty());
        document->setEventTypeWeight(0, 3.0);
        QCOMPARE(yamlText(), broken);
        QVERIFY(panel->isOutOfDate());
        QTextCursor cursor(editor->document());
        cursor.movePosition(QTextCursor::End);
        cursor.movePosition(QTextCursor::StartOfBlock, QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
        editor->setTextCursor(cursor);
        QVERIFY(panel->apply());
        QVERIFY(!panel->isOutOfDate());
        QCOMPARE(types()->index(1, EventTypesModel::Id).data().toString(), QString("user.buy"));
        QCOMPARE(document->config().eventTypes[0].weight, 2.0);
    }

    void previewScopeFollowsItsTypeThroughRenamesAndMoves() {
        QComboBox* scope = m_window->previewPanel()->scopeCombo();
        const int purchase = scope->findText("user.purchase");
        QVERIFY(purchase > 0);
        scope->setCurrentIndex(purchase);
        emit scope->activated(purchase);
        Document* document = m_window->document();

        document->setEventTypeId(1, "user.buy");
        QCOMPARE(scope->currentText(), QString("user.buy"));
        QCOMPARE(scope->currentData().toInt(), 1);

        document->moveEventType(1, 0);
        QCOMPARE(scope->currentText(), QString("user.buy"));
        QCOMPARE(scope->currentData().toInt(), 0);

        // Renamed in the YAML (a structural edit): no id matches, the position does.
        Config renamed = document->config();
        renamed.eventTypes[0].id = "user.order";
        document->replaceConfig(renamed, "Edit YAML");
        QCOMPARE(scope->currentText(), QString("user.order"));
        QCOMPARE(scope->currentData().toInt(), 0);
    }

    void previewEqualsStreamgenPreviewForTheSameSeed() {
        const QString path = m_dir.filePath("preview.yaml");
        QString error;
        QVERIFY(m_window->saveTo(path, &error));
        QCOMPARE(previewRows(), cliPreview(path, {}));

        QComboBox* scope = m_window->previewPanel()->scopeCombo();
        const int purchase = scope->findText("user.purchase");
        QVERIFY(purchase > 0);
        scope->setCurrentIndex(purchase);
        emit scope->activated(purchase);
        QVERIFY(waitForPreview());
        QCOMPARE(previewRows(), cliPreview(path, {"--type", "user.purchase"}));
        QCOMPARE(m_window->previewPanel()->payloadView()->toPlainText().split('\n'), previewRows());
    }

    void reseedChangesTheConfigSeedAndThePreviewFollows() {
        const uint64_t seed = m_window->document()->config().seed;
        const QStringList before = previewRows();
        auto* reseed = m_window->previewPanel()->findChild<QPushButton*>("reseed");
        QTest::mouseClick(reseed, Qt::LeftButton);
        QVERIFY(m_window->document()->config().seed != seed);
        QVERIFY(waitForPreview());
        QVERIFY(previewRows() != before);
        const QString path = m_dir.filePath("reseeded.yaml");
        QString error;
        QVERIFY(m_window->saveTo(path, &error));
        QCOMPARE(previewRows(), cliPreview(path, {}));
    }

    void exportCommandNamesTheSavedFileAndTheFileSinkFolder() {
        Config config = m_window->document()->config();
        config.sink.type = "file";
        config.sink.options = OptionNode{};
        config.sink.options.set("path", "out/events");
        config.seed = 7;
        QCOMPARE(ExportDialog::headlessCommand(config, "/data/my configs/a.yaml"),
                 QString("streamgen run '/data/my configs/a.yaml' --sink file --out "
                         "'/data/my configs/out/events' --seed 7"));
        config.sink.type = "stdout";
        config.seed = 0;
        QCOMPARE(ExportDialog::headlessCommand(config, "/data/a.yaml"),
                 QString("streamgen run /data/a.yaml"));
    }
};

QTEST_MAIN(SyncTests)
#include "widgets_test_sync.moc"
