#include "model/config_io.h"
#include "ui/document.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace streamgen;
using namespace streamgen::ui;

namespace {

Config quickstart() {
    const LoadResult result =
        loadConfigFile(STREAMGEN_SOURCE_DIR "/resources/examples/quickstart.yaml");
    return result.config;
}

} // namespace

class DocumentTests : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<DocumentChange>(); }

    void consecutiveEditsOfOneValueAreOneUndoStep() {
        Document document;
        document.reset(quickstart());
        for (double weight : {0.6, 0.7, 0.8, 0.9}) {
            document.setEventTypeWeight(0, weight);
        }
        QCOMPARE(document.undoStack()->count(), 1);
        QCOMPARE(document.config().eventTypes[0].weight, 0.9);
        document.undoStack()->undo();
        QCOMPARE(document.config().eventTypes[0].weight, 0.5);
    }

    void editsOfDifferentValuesAreSeparateSteps() {
        Document document;
        document.reset(quickstart());
        document.setEventTypeWeight(0, 0.6);
        document.setEventTypeWeight(1, 0.6);
        document.setEventTypeId(0, "renamed");
        QCOMPARE(document.undoStack()->count(), 3);
    }

    void anEditThatChangesNothingLeavesNoUndoStep() {
        Document document;
        document.reset(quickstart());
        document.setEventTypeWeight(0, 0.5);
        QCOMPARE(document.undoStack()->count(), 0);
        QVERIFY(!document.isModified());
    }

    void changeSignalNamesTheScopeOfTheEdit() {
        Document document;
        document.reset(quickstart());
        QSignalSpy spy(&document, &Document::changed);
        document.setEventTypeWeight(2, 1.0);
        FieldSpec field = *document.field({1, 1});
        field.floatMax = 10.0;
        document.setField({1, 1}, field, "range");
        document.removeEventTypes({0});
        QCOMPARE(spy.count(), 3);
        QCOMPARE(spy[0][0].value<DocumentChange>(), DocumentChange::eventType(2));
        QCOMPARE(spy[1][0].value<DocumentChange>(), DocumentChange::fields(1));
        QCOMPARE(spy[2][0].value<DocumentChange>(), DocumentChange::structure());
    }

    void undoAndRedoRestoreEveryKindOfEdit() {
        Document document;
        const Config original = quickstart();
        document.reset(original);
        document.setEventTypeId(0, "a.b");
        document.duplicateEventType(1);
        document.moveEventType(0, 2);
        document.removeEventTypes({1, 3});
        document.insertField({-1, 0}, FieldSpec{});
        document.moveFieldToCommon({0, 0});
        Config settings = document.config();
        settings.totalRowsPerSecond = 5000;
        document.setRunSettings(settings);
        const Config edited = document.config();
        QVERIFY(!(edited == original));
        while (document.undoStack()->canUndo()) {
            document.undoStack()->undo();
        }
        QVERIFY(document.config() == original);
        while (document.undoStack()->canRedo()) {
            document.undoStack()->redo();
        }
        QVERIFY(document.config() == edited);
    }

    void removingSeveralTypesIsOneStep() {
        Document document;
        document.reset(quickstart());
        document.removeEventTypes({2, 0});
        QCOMPARE(document.config().eventTypes.size(), std::size_t(1));
        QCOMPARE(document.config().eventTypes[0].id, std::string("user.purchase"));
        document.undoStack()->undo();
        QCOMPARE(document.config().eventTypes.size(), std::size_t(3));
    }

    void problemsFollowTheConfig() {
        Document document;
        document.reset(quickstart());
        QVERIFY(!hasErrors(document.problems()));
        QSignalSpy spy(&document, &Document::problemsChanged);
        document.setEventTypeWeight(0, -1.0);
        QVERIFY(hasErrors(document.problems()));
        document.undoStack()->undo();
        QVERIFY(!hasErrors(document.problems()));
        QCOMPARE(spy.count(), 2);
    }

    void saveMarksCleanAndOpenRestores() {
        QTemporaryDir dir;
        const QString path = dir.filePath("saved.yaml");
        Document document;
        document.reset(quickstart());
        document.setEventTypeWeight(0, 5.0);
        QVERIFY(document.isModified());
        QString error;
        QVERIFY2(document.save(path, &error), qPrintable(error));
        QVERIFY(!document.isModified());
        Document reopened;
        QVERIFY2(reopened.open(path, &error), qPrintable(error));
        QVERIFY(reopened.config() == document.config());
        QCOMPARE(reopened.filePath(), path);
    }

    void openingAFileWithProblemsKeepsItAsWritten() {
        QTemporaryDir dir;
        const QString path = dir.filePath("negative.yaml");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("event_types:\n  - event_type_id: a\n    weight: -3\n");
        file.close();
        Document document;
        QString error;
        QVERIFY2(document.open(path, &error), qPrintable(error));
        QCOMPARE(document.config().eventTypes.size(), std::size_t(1));
        QCOMPARE(document.config().eventTypes[0].weight, -3.0);
        QVERIFY(!document.brokenText());
        QCOMPARE(document.problems().size(), std::size_t(1));
        QCOMPARE(document.problems()[0].location.line, 3);
        QCOMPARE(document.problems()[0].location.column, 13);
    }

    void aTextThatDoesNotLoadIsKeptAndSavedAsItIs() {
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.yaml");
        const QByteArray text = "event_types:\n  - event_type_id: a\n    weight: [1\n";
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
        file.close();
        Document document;
        QString error;
        QVERIFY2(document.open(path, &error), qPrintable(error));
        QVERIFY(document.brokenText());
        QCOMPARE(document.brokenText()->bytes, text);
        QVERIFY(hasErrors(document.problems()));
        QVERIFY(document.config().eventTypes.empty());
        const QString copy = dir.filePath("copy.yaml");
        QVERIFY2(document.save(copy, &error), qPrintable(error));
        QFile saved(copy);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), text);
    }

    void aFileThatCannotBeReadLeavesTheDocumentAndSaysWhy() {
        QTemporaryDir dir;
        Document document;
        document.reset(quickstart());
        QString error;
        QVERIFY(!document.open(dir.filePath("missing.yaml"), &error));
        QVERIFY2(error.contains("missing.yaml: error: cannot read config: no such file"),
                 qPrintable(error));
        QVERIFY(!document.open(dir.path(), &error));
        QVERIFY2(error.contains("directory"), qPrintable(error));
        QVERIFY(document.config() == quickstart());
    }

    void uniqueNamesAvoidTakenOnes() {
        Document document;
        document.reset(quickstart());
        QCOMPARE(document.uniqueTypeId("user.purchase"), QString("user.purchase_2"));
        QCOMPARE(document.uniqueTypeId("fresh"), QString("fresh"));
        QCOMPARE(document.uniqueFieldName(1, "user_id"), QString("user_id_2"));
        QCOMPARE(document.uniqueFieldName(1, "amount"), QString("amount_2"));
    }
};

QTEST_GUILESS_MAIN(DocumentTests)
#include "document_tests.moc"
