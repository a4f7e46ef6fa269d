#include "model/config_io.h"
#include "run_test_support.h"
#include "ui/document.h"
#include "ui/run/counters_model.h"
#include "ui/run/kafka_panel.h"
#include "ui/run/kinesis_panel.h"
#include "ui/run/run_controller.h"
#include "ui/run/run_panel.h"
#include "ui/run/throughput_plot.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <qcustomplot.h>

using namespace streamgen;
using namespace streamgen::ui;
using namespace streamgen::ui::test;

namespace {} // namespace

class DashboardTests : public QObject {
    Q_OBJECT

private slots:
    void plotDrawsOneLinePerTypePlusTotalAndTargets() {
        Document document;
        document.reset(nullSinkConfig(3000));
        RunController controller(&document);
        ThroughputPlot plot(&controller);
        plot.resize(800, 400);
        plot.show();
        QString error;
        QVERIFY2(controller.start({std::nullopt, 1.0}, &error), qPrintable(error));
        QVERIFY(waitForState(controller, RunController::State::Finished));
        QTest::qWait(150);
        QCOMPARE(plot.typeLineCount(), 3);
        // Per type a line and a dashed target, then the total and its target.
        QCOMPARE(plot.customPlot()->graphCount(), 3 * 2 + 2);
        QCOMPARE(plot.customPlot()->graph(0)->name(), QString("user.session.start"));
        QVERIFY(plot.customPlot()->graph(0)->dataCount() >= 8);
        QCOMPARE(plot.customPlot()->graph(1)->pen().style(), Qt::DashLine);
    }

    void manyTypesShowTheTopTenAndOther() {
        Document document;
        document.reset(nullSinkConfig(5000, 15));
        RunController controller(&document);
        ThroughputPlot plot(&controller);
        plot.resize(800, 400);
        plot.show();
        QString error;
        QVERIFY2(controller.start({std::nullopt, 0.6}, &error), qPrintable(error));
        QVERIFY(waitForState(controller, RunController::State::Finished));
        QTest::qWait(150);
        QCOMPARE(plot.typeLineCount(), ThroughputPlot::kTopLines + 1);
        const QString last = plot.customPlot()->graph(2 * ThroughputPlot::kTopLines)->name();
        QVERIFY2(last.startsWith("other (5 types)"), qPrintable(last));
    }

    void hiddenPlotDoesNoReplotWork() {
        Document document;
        document.reset(nullSinkConfig(2000));
        RunController controller(&document);
        ThroughputPlot plot(&controller);
        plot.hide();
        QString error;
        QVERIFY2(controller.start({std::nullopt, 0.8}, &error), qPrintable(error));
        QVERIFY(waitForState(controller, RunController::State::Finished));
        QTest::qWait(200);
        QCOMPARE(plot.replotCount(), 0);
        plot.show();
        QTest::qWait(200);
        QVERIFY(plot.replotCount() >= 1);
    }

    void plotExportsPngAndPdf() {
        Document document;
        document.reset(nullSinkConfig(2000));
        RunController controller(&document);
        ThroughputPlot plot(&controller);
        plot.resize(800, 400);
        plot.show();
        QString error;
        QVERIFY2(controller.start({std::nullopt, 0.5}, &error), qPrintable(error));
        QVERIFY(waitForState(controller, RunController::State::Finished));
        QTemporaryDir dir;
        QVERIFY(plot.savePng(dir.filePath("plot.png")));
        QVERIFY(plot.savePdf(dir.filePath("plot.pdf")));
        QVERIFY(QFileInfo(dir.filePath("plot.png")).size() > 1000);
        QVERIFY(QFileInfo(dir.filePath("plot.pdf")).size() > 1000);
    }

    void panelButtonsFollowTheRunAndCountersMatchTheRun() {
        Document document;
        document.reset(nullSinkConfig(4000));
        RunController controller(&document);
        RunPanel panel(&document, &controller);
        QAbstractItemModelTester tester(panel.countersView()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.resize(1000, 700);
        panel.show();
        QVERIFY(panel.startButton()->isEnabled());
        QVERIFY(!panel.stopButton()->isEnabled());
        QTest::mouseClick(panel.startButton(), Qt::LeftButton);
        QCOMPARE(controller.state(), RunController::State::Running);
        QVERIFY(!panel.startButton()->isEnabled());
        QVERIFY(panel.pauseButton()->isEnabled());
        QTest::qWait(500);
        QTest::mouseClick(panel.pauseButton(), Qt::LeftButton);
        QCOMPARE(controller.state(), RunController::State::Paused);
        QCOMPARE(panel.pauseButton()->text(), QString("Resume"));
        QTest::mouseClick(panel.pauseButton(), Qt::LeftButton);
        QCOMPARE(controller.state(), RunController::State::Running);
        QTest::mouseClick(panel.stopButton(), Qt::LeftButton);
        QVERIFY(waitForState(controller, RunController::State::Finished));
        QVERIFY(panel.startButton()->isEnabled());
        const QAbstractItemModel* counters = panel.countersView()->model();
        QCOMPARE(counters->rowCount(), 3);
        qulonglong sum = 0;
        for (int row = 0; row < 3; ++row) {
            sum += counters->index(row, CountersModel::Generated).data(Qt::EditRole).toULongLong();
        }
        QCOMPARE(sum, qulonglong(controller.summary()->metrics.total.generated));
        QVERIFY(panel.statusText().startsWith("Finished"));
    }

    void countersShowConfiguredSharesAtFullSpeedAndTheTypesOfTheLatestRun() {
        Document document;
        document.reset(nullSinkConfig(0));
        RunController controller(&document);
        CountersModel counters(&controller);
        QAbstractItemModelTester tester(&counters,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString error;
        QVERIFY2(controller.start({std::nullopt, 0.3}, &error), qPrintable(error));
        QVERIFY(waitForState(controller, RunController::State::Finished));
        QCOMPARE(counters.index(0, CountersModel::TargetShare).data(Qt::EditRole).toDouble(), 50.0);
        document.setEventTypeId(0, "renamed.type");
        QVERIFY2(controller.start({std::nullopt, 0.3}, &error), qPrintable(error));
        QVERIFY(waitForState(controller, RunController::State::Finished));
        QCOMPARE(counters.index(0, CountersModel::Type).data().toString(), QString("renamed.type"));
    }

    void kafkaTestConnectionReportsAnUnreachableBrokerByName() {
        Document document;
        Config config = nullSinkConfig(1000);
        config.sink = SinkConfig{};
        config.sink.type = "kafka";
        config.sink.options.set("bootstrap_servers", "127.0.0.1:1");
        config.sink.options.set("topic", "events");
        config.sink.options.entries.emplace_back("properties", OptionNode{});
        config.sink.options.find("properties")->set("socket.connection.setup.timeout.ms", "1000");
        document.reset(config);
        RunController controller(&document);
        RunPanel panel(&document, &controller);
        panel.show();
        QVERIFY(panel.kafkaPanel()->isVisible());
        QSignalSpy spy(panel.kafkaPanel(), &KafkaPanel::testFinished);
        QTest::mouseClick(panel.kafkaPanel()->testButton(), Qt::LeftButton);
        QVERIFY(!panel.kafkaPanel()->testButton()->isEnabled()); // the GUI did not wait
        QVERIFY(spy.wait(15000));
        QCOMPARE(spy[0][0].toBool(), false);
        QVERIFY2(spy[0][1].toString().contains("127.0.0.1:1"), qPrintable(spy[0][1].toString()));
        QVERIFY(panel.kafkaPanel()->testButton()->isEnabled());
    }

    void kinesisPanelShowsHotShardsAndNamesAnUnreachableEndpoint() {
        Document document;
        Config config = nullSinkConfig(1000);
        FieldSpec region;
        region.name = "region";
        region.type = FieldType::String;
        region.values = {"eu", "us"};
        region.weights = {9, 1};
        config.commonFields.push_back(region);
        config.sink = SinkConfig{};
        config.sink.type = "kinesis";
        config.sink.options.set("stream_name", "events");
        config.sink.options.set("endpoint_url", "http://127.0.0.1:1");
        config.sink.options.set("partition_key_field", "region");
        config.sink.options.set("shard_count", "8");
        document.reset(config);
        RunController controller(&document);
        RunPanel panel(&document, &controller);
        panel.show();
        KinesisPanel* kinesis = panel.kinesisPanel();
        QVERIFY(kinesis->isVisible());
        QVERIFY(!panel.kafkaPanel()->isVisible());
        QCOMPARE(kinesis->shardsSpin()->value(), 8);
        QCOMPARE(kinesis->shares().size(), std::size_t(8));
        QVERIFY(*std::max_element(kinesis->shares().begin(), kinesis->shares().end()) > 0.85);
        QVERIFY2(kinesis->loadLabel()->text().contains("hot shard"),
                 qPrintable(kinesis->loadLabel()->text()));

        qputenv("AWS_ACCESS_KEY_ID", "AKIDTEST");
        qputenv("AWS_SECRET_ACCESS_KEY", "test-secret");
        QSignalSpy spy(kinesis, &KinesisPanel::testFinished);
        QTest::mouseClick(kinesis->testButton(), Qt::LeftButton);
        QVERIFY(!kinesis->testButton()->isEnabled()); // the GUI did not wait
        QVERIFY(spy.wait(15000));
        QCOMPARE(spy[0][0].toBool(), false);
        QVERIFY2(spy[0][1].toString().contains("http://127.0.0.1:1: cannot reach"),
                 qPrintable(spy[0][1].toString()));
        QVERIFY(kinesis->testButton()->isEnabled());
    }

    void rateSpinBoxChangesTheLiveRateThroughTheDocument() {
        Document document;
        document.reset(nullSinkConfig(1000));
        RunController controller(&document);
        RunPanel panel(&document, &controller);
        panel.show();
        QString error;
        QVERIFY2(controller.start({}, &error), qPrintable(error));
        panel.rateSpin()->setValue(8000);
        QCOMPARE(document.config().totalRowsPerSecond, 8000.0);
        QTest::qWait(400);
        const MetricsSnapshot a = controller.snapshot();
        QTest::qWait(1000);
        const MetricsSnapshot b = controller.snapshot();
        const double rate =
            double(b.total.generated - a.total.generated) / (b.elapsedSeconds - a.elapsedSeconds);
        qInfo("measured %.0f events/s after the change to 8000", rate);
        QVERIFY(std::abs(rate - 8000) < 400);
        controller.stop();
        QVERIFY(waitForState(controller, RunController::State::Finished));
    }
};

QTEST_MAIN(DashboardTests)
#include "dashboard_tests.moc"
