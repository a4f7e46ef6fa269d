// The Studio's postgres panel against the server that test_postgres_studio.py started: its
// "Test connection" runs off the GUI thread and names the server, each table the run would
// write, a table whose columns do not fit, and a wrong password. Without that server (run alone)
// the tests that need it are skipped.
#include "model/config_io.h"
#include "ui/document.h"
#include "ui/run/postgres_panel.h"
#include "ui/run/run_controller.h"
#include "ui/run/run_panel.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace streamgen;
using namespace streamgen::ui;

namespace {

Config postgresConfig(const QByteArray& port) {
    Config config =
        loadConfigFile(STREAMGEN_SOURCE_DIR "/resources/examples/quickstart.yaml").config;
    config.sink = SinkConfig{};
    config.sink.type = "postgres";
    config.sink.options.set("connection_string", "host=127.0.0.1 port=" + port.toStdString() +
                                                     " dbname=streamgen user=gen "
                                                     "password=${PG_TEST_PASSWORD}");
    return config;
}

/// A dashboard on `config` whose "Test connection" was just clicked; the outcome comes to `spy`.
struct ClickedTest {
    explicit ClickedTest(const Config& config) : document(config) {
        panel.show();
        QTest::mouseClick(panel.postgresPanel()->testButton(), Qt::LeftButton);
    }
    struct ResetDocument : Document {
        explicit ResetDocument(const Config& config) { reset(config); }
    } document;
    RunController controller{&document};
    RunPanel panel{&document, &controller};
    QSignalSpy spy{panel.postgresPanel(), &PostgresPanel::testFinished};
};

} // namespace

class PostgresPanelTests : public QObject {
    Q_OBJECT

private:
    QByteArray m_port = qgetenv("STREAMGEN_PG_PORT");

private slots:
    void thePanelShowsForThePostgresSinkOnly() {
        Document document;
        document.reset(postgresConfig("5432"));
        RunController controller(&document);
        RunPanel panel(&document, &controller);
        panel.show();
        QVERIFY(panel.postgresPanel()->isVisible());
        Config other = document.config();
        other.sink.type = "null";
        document.reset(other);
        QVERIFY(!panel.postgresPanel()->isVisible());
    }

    void aConnectionNamesTheServerAndEveryTable() {
        if (m_port.isEmpty()) {
            QSKIP("no server: run through test_postgres_studio.py");
        }
        ClickedTest test(postgresConfig(m_port));
        QVERIFY(!test.panel.postgresPanel()->testButton()->isEnabled()); // the GUI did not wait
        QVERIFY(test.spy.wait(20000));
        QVERIFY(test.panel.postgresPanel()->testButton()->isEnabled());
        const QString message = test.spy[0][1].toString();
        QVERIFY2(!test.spy[0][0].toBool(), qPrintable(message)); // user_purchase does not fit
        QVERIFY2(message.contains("PostgreSQL 1"), qPrintable(message));
        QVERIFY2(message.contains("table public.user_session_start: will be created"),
                 qPrintable(message));
        QVERIFY2(message.contains("table public.user_session_end: exists, columns match"),
                 qPrintable(message));
        QVERIFY2(message.contains("table public.user_purchase has column amount of type text; "
                                  "the config writes real"),
                 qPrintable(message));
        QCOMPARE(test.panel.postgresPanel()->resultLabel()->text(), message);
    }

    void aWrongPasswordIsNamed() {
        if (m_port.isEmpty()) {
            QSKIP("no server: run through test_postgres_studio.py");
        }
        qputenv("PG_WRONG_PASSWORD", "wrong");
        Config config = postgresConfig(m_port);
        config.sink.options.set("password", "${PG_WRONG_PASSWORD}");
        ClickedTest test(config);
        QVERIFY(test.spy.wait(20000));
        QVERIFY(!test.spy[0][0].toBool());
        QVERIFY2(
            test.spy[0][1].toString().contains("password authentication failed for user \"gen\""),
            qPrintable(test.spy[0][1].toString()));
    }

    void aMissingSecretIsShownAtOnce() {
        Config config = postgresConfig("5432");
        config.sink.options.set("password", "${PG_PASSWORD_NOT_SET_ANYWHERE}");
        ClickedTest test(config);
        QCOMPARE(test.spy.count(), 1);
        QVERIFY2(test.spy[0][1].toString().contains("PG_PASSWORD_NOT_SET_ANYWHERE"),
                 qPrintable(test.spy[0][1].toString()));
    }
};

QTEST_MAIN(PostgresPanelTests)
#include "postgres_panel_tests.moc"
