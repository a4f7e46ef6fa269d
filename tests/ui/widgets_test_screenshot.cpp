// `streamgen-studio --screenshot` renders every bundled example to a PNG of at least 1280x800
// and exits 0; a config that does not load exits 2 with a message.
#include "ui/widgets/main_window.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using streamgen::ui::MainWindow;

namespace {

QProcessEnvironment offscreen() {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("QT_QPA_PLATFORM", "offscreen");
    return environment;
}

} // namespace

class ScreenshotTests : public QObject {
    Q_OBJECT

private slots:
    void everyExampleRendersAScreenshot_data() {
        QTest::addColumn<QString>("config");
        const QStringList examples = MainWindow::exampleFiles();
        QVERIFY(examples.size() >= 5);
        for (const QString& path : examples) {
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
        }
    }

    void everyExampleRendersAScreenshot() {
        QFETCH(QString, config);
        QTemporaryDir dir;
        const QString png = dir.filePath("shot.png");
        QProcess studio;
        studio.setProcessEnvironment(offscreen());
        studio.start(STREAMGEN_BINARY_DIR "/app/streamgen-studio", {"--screenshot", png, config});
        QVERIFY(studio.waitForFinished(60000));
        QVERIFY2(studio.exitCode() == 0, studio.readAllStandardError().constData());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 1280);
        QVERIFY(image.height() >= 800);
    }

    void brokenConfigExitsWithTwoAndSaysWhy() {
        QTemporaryDir dir;
        const QString config = dir.filePath("broken.yaml");
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("event_types: [unclosed\n");
        file.close();
        QProcess studio;
        studio.setProcessEnvironment(offscreen());
        studio.start(STREAMGEN_BINARY_DIR "/app/streamgen-studio",
                     {"--screenshot", dir.filePath("shot.png"), config});
        QVERIFY(studio.waitForFinished(60000));
        QCOMPARE(studio.exitCode(), 2);
        QVERIFY(studio.readAllStandardError().contains("broken.yaml:2:1: error"));
        QVERIFY(!QFile::exists(dir.filePath("shot.png")));
    }
};

QTEST_MAIN(ScreenshotTests)
#include "widgets_test_screenshot.moc"
