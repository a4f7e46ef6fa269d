// The dashboard's Verify button reads the finished run's landing folder back and shows what it
// found: nothing wrong after a clean run, the missing events once a file is gone.
#include "run_test_support.h"
#include "ui/document.h"
#include "ui/run/run_controller.h"
#include "ui/run/verify_panel.h"

#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace streamgen;
using namespace streamgen::ui;
using namespace streamgen::ui::test;

namespace {

/// The count in the row of `kind` (the counts come first, in a fixed order).
QString countOf(const QStandardItemModel* model, const QString& kind) {
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->item(row, VerifyPanel::Kind)->text() == kind) {
            return model->item(row, VerifyPanel::Value)->text();
        }
    }
    return {};
}

} // namespace

class VerifyPanelTests : public QObject {
    Q_OBJECT

private slots:
    void verifiesTheFinishedRunAndFindsARemovedFile() {
        QTemporaryDir landing;
        Config config = nullSinkConfig(0);
        config.sink.type = "file";
        config.sink.options.set("path", landing.path().toStdString());
        config.sink.options.set("max_records", "500");
        config.identityField = "_sg_seq";
        Document document;
        document.reset(config);
        RunController controller(&document);
        VerifyPanel panel(&controller);
        QVERIFY(!panel.verifyButton()->isEnabled()); // nothing has run yet

        QString error;
        QVERIFY2(controller.start({2000, std::nullopt}, &error), qPrintable(error));
        QVERIFY(waitForState(controller, RunController::State::Finished));
        QVERIFY(panel.verifyButton()->isEnabled());

        QSignalSpy verified(&panel, &VerifyPanel::verified);
        QTest::mouseClick(panel.verifyButton(), Qt::LeftButton);
        QVERIFY(verified.wait(15000));
        QCOMPARE(verified.takeFirst().at(0).toBool(), true);
        QCOMPARE(countOf(panel.model(), "matched"), QString("2000"));
        QCOMPARE(countOf(panel.model(), "missing"), QString("0"));
        QVERIFY(panel.statusLabel()->text().contains("every event present", Qt::CaseInsensitive));

        const QStringList files = QDir(landing.path()).entryList(QDir::Files);
        QVERIFY(files.size() >= 2);
        QVERIFY(QFile::remove(landing.filePath(files.first())));
        QTest::mouseClick(panel.verifyButton(), Qt::LeftButton);
        QVERIFY(verified.wait(15000));
        QCOMPARE(verified.takeFirst().at(0).toBool(), false);
        QCOMPARE(countOf(panel.model(), "missing"), QString("500"));
        QVERIFY(panel.statusLabel()->text().contains("Differences"));
    }

    void aSinkThatCannotBeReadBackKeepsTheButtonOff() {
        Document document;
        document.reset(nullSinkConfig(0));
        RunController controller(&document);
        VerifyPanel panel(&controller);
        QString error;
        QVERIFY2(controller.start({100, std::nullopt}, &error), qPrintable(error));
        QVERIFY(waitForState(controller, RunController::State::Finished));
        QVERIFY(!panel.verifyButton()->isEnabled());
        QVERIFY(panel.statusLabel()->text().contains("cannot be read back"));
    }
};

QTEST_MAIN(VerifyPanelTests)
#include "verify_panel_tests.moc"
