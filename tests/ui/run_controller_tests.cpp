#include "model/config_io.h"
#include "run_test_support.h"
#include "ui/document.h"
#include "ui/run/run_controller.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <fstream>

using namespace streamgen;
using namespace streamgen::ui;
using namespace streamgen::ui::test;

namespace {

long residentKib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stol(line.substr(6));
        }
    }
    return 0;
}

/// Share of each type among the events generated between two snapshots.
std::vector<double> sharesBetween(const MetricsSnapshot& a, const MetricsSnapshot& b) {
    std::vector<double> shares;
    const double total = static_cast<double>(b.total.generated - a.total.generated);
    for (std::size_t i = 0; i < b.perType.size(); ++i) {
        shares.push_back(static_cast<double>(b.perType[i].generated - a.perType[i].generated) /
                         total);
    }
    return shares;
}

} // namespace

class RunControllerTests : public QObject {
    Q_OBJECT

private slots:
    void fiftyStartStopCyclesNeitherCrashNorGrow() {
        Document document;
        document.reset(nullSinkConfig(0));
        RunController controller(&document);
        long afterWarmup = 0;
        for (int cycle = 0; cycle < 50; ++cycle) {
            QString error;
            QVERIFY2(controller.start({}, &error), qPrintable(error));
            QTest::qWait(20);
            controller.stop();
            QVERIFY(waitForState(controller, RunController::State::Finished));
            QVERIFY(controller.summary()->metrics.total.generated > 0);
            if (cycle == 9) {
                afterWarmup = residentKib();
            }
        }
        const long growth = residentKib() - afterWarmup;
        qInfo("RSS after 10 cycles %ld KiB, growth over the next 40: %ld KiB", afterWarmup, growth);
        QVERIFY2(growth < 4096, qPrintable(QString::number(growth)));
    }

    void weightChangeDuringARunMovesTheSharesWithinASecond() {
        Document document;
        document.reset(nullSinkConfig(20000));
        RunController controller(&document);
        QString error;
        QVERIFY2(controller.start({}, &error), qPrintable(error));
        QTest::qWait(300);
        document.setEventTypeWeight(0, 0.0); // 0/0.3/0.2 -> 0%, 60%, 40%
        QTest::qWait(300);                   // the change reaches the engine within 200 ms
        const MetricsSnapshot before = controller.snapshot();
        QTest::qWait(700);
        const MetricsSnapshot after = controller.snapshot();
        const std::vector<double> shares = sharesBetween(before, after);
        qInfo("shares after the change: %.3f %.3f %.3f", shares[0], shares[1], shares[2]);
        QVERIFY(shares[0] < 0.01);
        QVERIFY(std::abs(shares[1] - 0.6) < 0.02);
        QVERIFY(std::abs(shares[2] - 0.4) < 0.02);
        controller.stop();
        QVERIFY(waitForState(controller, RunController::State::Finished));
    }

    void pauseStopsTheCountersAndTheFinalCountersEqualTheReport() {
        Document document;
        document.reset(nullSinkConfig(10000));
        RunController controller(&document);
        QString error;
        QVERIFY2(controller.start({}, &error), qPrintable(error));
        QTest::qWait(300);
        controller.pause();
        QTest::qWait(150);
        const uint64_t paused = controller.snapshot().total.generated;
        QTest::qWait(400);
        QCOMPARE(controller.snapshot().total.generated, paused);
        controller.resume();
        QTest::qWait(400);
        QVERIFY(controller.snapshot().total.generated > paused);
        controller.stop();
        QVERIFY(waitForState(controller, RunController::State::Finished));

        const QJsonObject report = QJsonDocument::fromJson(controller.reportJson()).object();
        const QJsonObject totals = report["totals"].toObject();
        const TypeCounters& final = controller.snapshot().total;
        QCOMPARE(totals["generated"].toInteger(), qint64(final.generated));
        QCOMPARE(totals["delivered"].toInteger(), qint64(final.delivered));
        QCOMPARE(final.generated, final.delivered);
    }

    void secondsCsvSumsToTheReportTotals() {
        Document document;
        document.reset(nullSinkConfig(5000));
        RunController controller(&document);
        QString error;
        QVERIFY2(controller.start({std::nullopt, 2.5}, &error), qPrintable(error));
        QVERIFY(waitForState(controller, RunController::State::Finished, 15000));
        const QList<QByteArray> lines = controller.secondsCsv().trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("second,user.session.start,user.purchase,"
                                           "user.session.end,total"));
        qint64 total = 0;
        std::vector<qint64> perType(3, 0);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> cells = lines[i].split(',');
            QCOMPARE(cells.size(), 5);
            for (int t = 0; t < 3; ++t) {
                perType[t] += cells[t + 1].toLongLong();
            }
            total += cells[4].toLongLong();
        }
        const QJsonObject report = QJsonDocument::fromJson(controller.reportJson()).object();
        QCOMPARE(total, report["totals"].toObject()["generated"].toInteger());
        QCOMPARE(
            perType[1],
            report["event_types"].toObject()["user.purchase"].toObject()["generated"].toInteger());
        QVERIFY(std::abs(total - 12500) < 250);
    }

    void editsThatNeedANewPlanAreFlaggedNotApplied() {
        Document document;
        document.reset(nullSinkConfig(1000));
        RunController controller(&document);
        QSignalSpy spy(&controller, &RunController::restartNeededChanged);
        QString error;
        QVERIFY2(controller.start({}, &error), qPrintable(error));
        document.setEventTypeWeight(1, 2.0);
        QVERIFY(!controller.restartNeeded());
        FieldSpec field = *document.field({-1, 0});
        field.intMax = 10;
        document.setField({-1, 0}, field);
        QVERIFY(controller.restartNeeded());
        QCOMPARE(spy.count(), 1);
        controller.stop();
        QVERIFY(waitForState(controller, RunController::State::Finished));
    }

    void aConfigWithProblemsDoesNotStart() {
        Document document;
        Config config = nullSinkConfig(1000);
        config.eventTypes[0].weight = -1;
        document.reset(config);
        RunController controller(&document);
        QString error;
        QVERIFY(!controller.start({}, &error));
        QVERIFY(error.contains("Problems"));
        QCOMPARE(controller.state(), RunController::State::Idle);
    }
};

QTEST_GUILESS_MAIN(RunControllerTests)
#include "run_controller_tests.moc"
