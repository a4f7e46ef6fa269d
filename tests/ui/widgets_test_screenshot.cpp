// `streamgen-studio --screenshot` renders every bundled example to a PNG of at least 1280x800
// and exits 0; so does a config with problems (listed on stderr); a file that cannot be read
// exits 2 with a message.
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

    void configWithProblemsOpensAndRendersAScreenshot_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("reported");
        QTest::newRow("semantic") << QByteArray(
                                         "event_types:\n  - event_type_id: a\n    weight: -1\n")
                                  << QByteArray("bad.yaml:3:13: error: weight must be");
        QTest::newRow("syntax") << QByteArray("event_types: [unclosed\n")
                                << QByteArray("bad.yaml:2:1: error: invalid YAML");
    }

    void configWithProblemsOpensAndRendersAScreenshot() {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, reported);
        QTemporaryDir dir;
        const QString config = dir.filePath("bad.yaml");
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
        file.close();
        const QString png = dir.filePath("shot.png");
        QProcess studio;
        studio.setProcessEnvironment(offscreen());
        studio.start(STREAMGEN_BINARY_DIR "/app/streamgen-studio", {"--screenshot", png, config});
        QVERIFY(studio.waitForFinished(60000));
        const QByteArray stderrText = studio.readAllStandardError();
        QVERIFY2(studio.exitCode() == 0, stderrText.constData());
        QVERIFY2(stderrText.contains(reported), stderrText.constData());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 1280);
        // The file is left as it was.
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), text);
    }

    void unreadableConfigExitsWithTwoAndSaysWhy() {
        QTemporaryDir dir;
        QProcess studio;
        studio.setProcessEnvironment(offscreen());
        studio.start(STREAMGEN_BINARY_DIR "/app/streamgen-studio",
                     {"--screenshot", dir.filePath("shot.png"), dir.filePath("missing.yaml")});
        QVERIFY(studio.waitForFinished(60000));
        QCOMPARE(studio.exitCode(), 2);
        QVERIFY(studio.readAllStandardError().contains("missing.yaml: error: cannot read config"));
        QVERIFY(!QFile::exists(dir.filePath("shot.png")));
    }
};

QTEST_MAIN(ScreenshotTests)
#include "widgets_test_screenshot.moc"
