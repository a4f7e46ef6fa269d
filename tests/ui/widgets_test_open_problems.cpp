// Configs with problems open in the Studio, the way a user opens them (File > Open, the command
// line and recent files share MainWindow::openFile; a drop goes through the window's drop
// handler): semantic problems are listed and tinted and can be fixed in the tables, a text that
// does not load is shown in the YAML view at its error and saved as it is, and only files that
// cannot be read at all are refused.
#include "model/config_io.h"
#include "ui/document.h"
#include "ui/models/event_types_model.h"
#include "ui/models/problems_model.h"
#include "ui/models/roles.h"
#include "ui/widgets/event_types_panel.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/problems_panel.h"
#include "ui/widgets/yaml_panel.h"
#include "widgets_test_support.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDropEvent>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProcess>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <algorithm>

using namespace streamgen;
using namespace streamgen::ui;
using namespace streamgen::ui::test;

namespace {

const QString kCorpusDir = QStringLiteral(STREAMGEN_CORPUS_DIR);
const QString kShop = QStringLiteral(STREAMGEN_SOURCE_DIR "/tests/ui/data/shop-with-problems.yaml");

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class OpenProblemsTests : public QObject {
    Q_OBJECT

private:
    MainWindow* m_window = nullptr;
    QTemporaryDir m_dir;
    QString m_hostileDir;

    Document* document() { return m_window->document(); }
    EventTypesModel* types() { return m_window->eventTypesPanel()->model(); }
    ProblemsModel* problems() { return m_window->problemsPanel()->model(); }
    YamlPanel* yaml() { return m_window->yamlPanel(); }
    QString yamlText() { return yaml()->editor()->toPlainText(); }

    QString writeConfig(const QString& name, const QByteArray& text) {
        const QString path = m_dir.filePath(name);
        return writeFile(path, text) ? path : QString();
    }

    /// Opens `path` through the window and checks that whatever is wrong with it is on show.
    void openAndExpectProblemsShown(const QString& path) {
        QString error;
        QVERIFY2(m_window->openFile(path, &error), qPrintable(error));
        QCOMPARE(document()->filePath(), path);
        QVERIFY(!document()->isModified());
        // Every error the loader (and so `streamgen validate`) reports is listed.
        const LoadResult loaded = loadConfigFile(path.toStdString());
        for (const Diagnostic& diagnostic : loaded.diagnostics) {
            const auto listed = std::any_of(
                document()->problems().begin(), document()->problems().end(),
                [&](const Diagnostic& problem) { return problem.message == diagnostic.message; });
            QVERIFY2(!diagnostic.isError() || listed, diagnostic.message.c_str());
        }
        QVERIFY(problems()->rowCount() >= static_cast<int>(document()->problems().size()));
        QVERIFY(loaded.ok() || problems()->rowCount() >= 1);
        if (const BrokenText* broken = document()->brokenText()) {
            QVERIFY(!yaml()->errorText().isEmpty());
            QVERIFY(yaml()->errorLine() > 0);
            QVERIFY(yaml()->errorText().startsWith(QString("Line %1").arg(yaml()->errorLine())));
            QVERIFY(!yaml()->isOutOfDate());
            // Binary junk is shown as well as it decodes; text files exactly.
            QCOMPARE(yamlText().isEmpty(), !broken->held || broken->bytes.isEmpty());
            QCOMPARE(m_window->sideTabs()->currentWidget(), yaml());
        } else if (!loaded.ok()) {
            QCOMPARE(m_window->sideTabs()->currentWidget(), m_window->problemsPanel());
        }
    }

    /// Presses Save in the File menu and answers its question with the button named `answer`.
    bool saveAnswering(const QString& answer) {
        bool answered = false;
        QTimer::singleShot(50, this, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            for (QAbstractButton* button : box ? box->buttons() : QList<QAbstractButton*>()) {
                if (button->text() == answer) {
                    answered = true;
                    button->click();
                }
            }
        });
        const QList<QAction*> actions = m_window->findChildren<QAction*>();
        const auto save = std::find_if(actions.begin(), actions.end(), [](QAction* action) {
            return action->shortcut() == QKeySequence(QKeySequence::Save);
        });
        if (save == actions.end()) {
            return false;
        }
        (*save)->trigger();
        return answered;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_hostileDir = m_dir.filePath("hostile");
        QProcess generator;
        generator.start(STREAMGEN_PYTHON, {kCorpusDir + "/make_hostile.py", m_hostileDir});
        QVERIFY(generator.waitForFinished(120000));
        QVERIFY2(generator.exitCode() == 0, generator.readAllStandardError().constData());
    }

    void init() {
        m_window = new MainWindow(MainWindow::SettingsMode::Ignore);
        new QAbstractItemModelTester(
            problems(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_window);
        new QAbstractItemModelTester(
            types(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanup() {
        delete m_window;
        m_window = nullptr;
    }

    void everyBrokenConfigOpensAndShowsItsProblems_data() {
        QTest::addColumn<QString>("path");
        const QDir corpus(kCorpusDir);
        const QDir hostile(m_hostileDir);
        for (const QDir& dir : {corpus, hostile}) {
            for (const QString& name : dir.entryList({"*.yaml"}, QDir::Files, QDir::Name)) {
                QTest::newRow(qPrintable(name)) << dir.absoluteFilePath(name);
            }
        }
        QVERIFY(corpus.entryList({"*.yaml"}).size() >= 35);
        QVERIFY(hostile.entryList({"*.yaml"}).size() >= 8);
    }

    void everyBrokenConfigOpensAndShowsItsProblems() {
        QFETCH(QString, path);
        openAndExpectProblemsShown(path);
        // The window stays usable: New gives a clean document and an in-sync YAML view.
        m_window->newBlank();
        QVERIFY(!document()->brokenText());
        QVERIFY(document()->filePath().isEmpty());
        QVERIFY(yaml()->errorText().isEmpty());
        QCOMPARE(yamlText(), QString::fromStdString(saveConfigString(document()->config())));
        QCOMPARE(types()->rowCount(), 0);
        EventType type;
        type.id = "after";
        document()->insertEventType(0, type);
        QCOMPARE(types()->index(0, EventTypesModel::Id).data().toString(), QString("after"));
    }

    void semanticProblemsOpenWithTheConfigAsWrittenAndAreFixedInTheTable() {
        openAndExpectProblemsShown(kShop);
        QVERIFY(!document()->brokenText());
        // Nothing was dropped or repaired: the three types with their wrong values.
        QCOMPARE(types()->rowCount(), 3);
        QCOMPARE(types()->index(0, EventTypesModel::Id).data().toString(), QString("page.view"));
        QCOMPARE(types()->index(1, EventTypesModel::Id).data().toString(), QString("cart.add"));
        QCOMPARE(types()->index(2, EventTypesModel::Id).data().toString(), QString("order.placed"));
        QCOMPARE(document()->config().eventTypes[1].weight, -1.0);
        QCOMPARE(document()->config().eventTypes[1].fields[1].intMin, int64_t(10));
        QCOMPARE(problems()->rowCount(), 3);
        QCOMPARE(
            m_window->sideTabs()->tabText(m_window->sideTabs()->indexOf(m_window->problemsPanel())),
            QString("Problems (3)"));
        const QModelIndex weight = types()->index(1, EventTypesModel::Weight);
        QVERIFY(weight.data(ProblemRole).toString().startsWith("weight must be"));
        QCOMPARE(weight.data(Qt::BackgroundRole).value<QColor>(), problemBackground());

        QVERIFY(spinCell(m_window->eventTypesPanel()->view(), weight, 20.0));
        QCOMPARE(document()->config().eventTypes[1].weight, 20.0);
        QVERIFY(weight.data(ProblemRole).toString().isEmpty());
        QCOMPARE(problems()->rowCount(), 2);
        QVERIFY(document()->isModified());
        document()->undoStack()->undo();
        QCOMPARE(problems()->rowCount(), 3);
        QVERIFY(!document()->isModified());
    }

    void semanticProblemsInTheYamlViewApplyLikeTableEdits() {
        openAndExpectProblemsShown(kShop);
        QString text = yamlText();
        text.replace("weight: -1", "weight: -2");
        yaml()->editor()->setPlainText(text);
        QVERIFY(yaml()->apply());
        QCOMPARE(document()->config().eventTypes[1].weight, -2.0);
        QVERIFY(!document()->brokenText());
        QCOMPARE(problems()->rowCount(), 3);
    }

    void aSyntaxErrorShowsTheTextAtItsErrorAndSavesItAsItIs() {
        const QByteArray original = "# my notes\nevent_types:\n  - event_type_id: a\n"
                                    "    weight: [1, 2\n  - event_type_id: b\n";
        const QString path = writeConfig("syntax.yaml", original);
        openAndExpectProblemsShown(path);
        QCOMPARE(yamlText(), QString::fromUtf8(original));
        QCOMPARE(types()->rowCount(), 0);
        QVERIFY(problems()
                    ->data(problems()->index(0, ProblemsModel::Message))
                    .toString()
                    .startsWith("invalid YAML"));
        // Saving keeps the user's text, not an empty config.
        QString error;
        QVERIFY2(m_window->saveTo(path, &error), qPrintable(error));
        QCOMPARE(readAll(path), original);

        // Typing on in the YAML view, still broken: one undo step, saved as typed.
        QString text = yamlText();
        text.replace("# my notes", "# my notes, edited");
        yaml()->editor()->setPlainText(text);
        QVERIFY(!yaml()->apply());
        QVERIFY(document()->isModified());
        QCOMPARE(document()->brokenText()->text(), text);
        QVERIFY2(m_window->saveTo(path, &error), qPrintable(error));
        QCOMPARE(QString::fromUtf8(readAll(path)), text);
        QVERIFY(!document()->isModified());

        // The fix loads: the tables fill, the problems go, and undo brings the text back.
        text.replace("weight: [1, 2", "weight: 2");
        yaml()->editor()->setPlainText(text);
        QVERIFY(yaml()->apply());
        QVERIFY(!document()->brokenText());
        QCOMPARE(types()->rowCount(), 2);
        QCOMPARE(problems()->rowCount(), 0);
        QVERIFY(yaml()->errorText().isEmpty());
        document()->undoStack()->undo();
        QVERIFY(document()->brokenText());
        QCOMPARE(types()->rowCount(), 0);
        QVERIFY(yamlText().contains("weight: [1, 2"));
        QVERIFY(yaml()->errorLine() > 0);
        QVERIFY(!document()->isModified());
        document()->undoStack()->redo();
        QVERIFY2(m_window->saveTo(path, &error), qPrintable(error));
        const LoadResult saved = loadConfigFile(path.toStdString());
        QVERIFY(saved.ok());
        QCOMPARE(saved.config.eventTypes.size(), std::size_t(2));
    }

    void aTypeErrorKeepsTheTextWhileTheTablesShowWhatWasRead() {
        const QString path = kCorpusDir + "/03-weight-not-number.yaml";
        openAndExpectProblemsShown(path);
        QCOMPARE(types()->rowCount(), 1);
        QCOMPARE(yaml()->errorLine(), 3);
        QVERIFY(types()
                    ->index(0, EventTypesModel::Weight)
                    .data(ProblemRole)
                    .toString()
                    .contains("abc"));
        QCOMPARE(document()->brokenText()->bytes, readAll(path));

        // An edit in the tables puts the text out of date; Revert takes the tables' version.
        document()->setEventTypeWeight(0, 3.0);
        QVERIFY(document()->configEditedSinceBrokenText());
        QVERIFY(yaml()->isOutOfDate());
        QVERIFY(yamlText().contains("abc"));
        yaml()->revert();
        QVERIFY(!document()->brokenText());
        QVERIFY(!yaml()->isOutOfDate());
        QVERIFY(yamlText().contains("weight: 3"));
        QCOMPARE(problems()->rowCount(), 0);
        document()->undoStack()->undo();
        QVERIFY(document()->brokenText());
        QVERIFY(yaml()->isOutOfDate());
    }

    void savingAfterTableEditsAsksWhetherToKeepTheTextOrTheTables() {
        const QByteArray original = readAll(kCorpusDir + "/03-weight-not-number.yaml");
        const QString path = writeConfig("weight.yaml", original);
        openAndExpectProblemsShown(path);

        document()->setEventTypeWeight(0, 3.0);
        QVERIFY(saveAnswering(tr("Save the text")));
        QCOMPARE(readAll(path), original);
        QVERIFY(document()->brokenText());
        QVERIFY(!document()->isModified());

        document()->setEventTypeWeight(0, 4.0);
        QVERIFY(saveAnswering(tr("Save the tables")));
        QVERIFY(!document()->brokenText());
        QVERIFY(!document()->isModified());
        const LoadResult saved = loadConfigFile(path.toStdString());
        QVERIFY(saved.ok());
        QCOMPARE(saved.config.eventTypes[0].weight, 4.0);
    }

    void aTooLargeFileOpensEmptyAndIsLeftAsItIs() {
        const QString path = m_hostileDir + "/h01-huge-100mb.yaml";
        const qint64 size = QFileInfo(path).size();
        openAndExpectProblemsShown(path);
        QVERIFY(!document()->brokenText()->held);
        QVERIFY(yaml()->errorText().contains("too large"));
        QString error;
        QVERIFY2(m_window->saveTo(path, &error), qPrintable(error));
        QCOMPARE(QFileInfo(path).size(), size);
        QVERIFY(!m_window->saveTo(m_dir.filePath("copy.yaml"), &error));
        QVERIFY(error.contains("too large"));
        QVERIFY(!QFile::exists(m_dir.filePath("copy.yaml")));
    }

    void filesThatCannotBeReadAreRefusedAndLeaveTheDocument() {
        QString error;
        QVERIFY(m_window->openFile(kShop, &error));
        const Config before = document()->config();
        QVERIFY(!m_window->openFile(m_dir.filePath("missing.yaml"), &error));
        QVERIFY2(error.contains("no such file"), qPrintable(error));
        QVERIFY(!m_window->openFile(m_dir.path(), &error));
        QVERIFY2(error.contains("directory"), qPrintable(error));
        QVERIFY(document()->config() == before);
        QCOMPARE(document()->filePath(), kShop);

        const QString locked = writeConfig("locked.yaml", "event_types: []\n");
        QFile::setPermissions(locked, QFileDevice::Permissions{});
        if (QFile(locked).open(QIODevice::ReadOnly)) {
            QSKIP("permissions are not enforced for this user (root)");
        }
        QVERIFY(!m_window->openFile(locked, &error));
        QVERIFY2(error.contains("ermission"), qPrintable(error));
        QVERIFY(document()->config() == before);
    }

    void aDroppedBrokenFileOpens() {
        const QString path = kCorpusDir + "/01-unclosed-flow.yaml";
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(path)});
        // The drop lands on the window that accepted the drag.
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(m_window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window, &drop);
        QCOMPARE(document()->filePath(), path);
        QVERIFY(document()->brokenText());
        QCOMPARE(yaml()->errorLine(), 3);
        QVERIFY(problems()->rowCount() >= 1);
    }

    void aSyntaxErrorInTheProblemsListLeadsToTheYamlView() {
        openAndExpectProblemsShown(kCorpusDir + "/02-bad-indentation.yaml");
        m_window->sideTabs()->setCurrentWidget(m_window->problemsPanel());
        auto* view = m_window->problemsPanel()->findChild<QTableView*>("problemsView");
        QVERIFY(view);
        emit view->activated(problems()->index(0, ProblemsModel::Message));
        QCOMPARE(m_window->sideTabs()->currentWidget(), yaml());
    }
};

QTEST_MAIN(OpenProblemsTests)
#include "widgets_test_open_problems.moc"
