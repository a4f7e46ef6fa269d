#include "engine/plan.h"
#include "engine/preview.h"
#include "models_test_support.h"
#include "ui/edit_command.h"
#include "ui/models/preview_model.h"
#include "ui/models/preview_service.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <memory>

using namespace streamgen;
using namespace streamgen::ui;
using namespace streamgen::ui::test;

namespace {

constexpr uint64_t kSeed = 4242;

QStringList enginePreview(const Config& config, int count, int type = -1) {
    std::string error;
    const auto plan = Plan::compile(config, &error);
    if (!plan) {
        qFatal("cannot compile: %s", error.c_str());
    }
    QStringList rows;
    for (const std::string& event : previewEvents(*plan, static_cast<std::size_t>(count), type)) {
        rows << QString::fromStdString(event);
    }
    return rows;
}

QStringList cliPreview(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(STREAMGEN_BINARY_DIR "/app/streamgen"), arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        qWarning() << process.readAllStandardError();
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
}

/// `types` event types of `fields` fields each, cycling through every field type.
Config generatedConfig(int types, int fields) {
    Config config;
    config.seed = kSeed;
    FieldSpec common;
    common.name = "user_id";
    common.type = FieldType::Long;
    config.commonFields.push_back(common);
    for (int t = 0; t < types; ++t) {
        EventType type;
        type.id = "type_" + std::to_string(t);
        type.weight = 1.0 + t % 7;
        for (int f = 0; f < fields; ++f) {
            FieldSpec field;
            field.name = "field_" + std::to_string(f);
            switch (f % 7) {
            case 0:
                field.type = FieldType::Int;
                break;
            case 1:
                field.type = FieldType::Double;
                field.precision = 2;
                break;
            case 2:
                field.type = FieldType::String;
                field.values = {"alpha", "beta", "gamma", "delta"};
                field.weights = {4, 3, 2, 1};
                break;
            case 3:
                field.type = FieldType::Boolean;
                field.nullRatio = 0.1;
                break;
            case 4:
                field.type = FieldType::Uuid;
                break;
            case 5:
                field.type = FieldType::Timestamp;
                field.timestampMode = TimestampMode::Sequence;
                field.beginMs = 1704067200000;
                break;
            default:
                field.type = FieldType::Date;
                field.dateRange = std::pair(19723, 20088);
                break;
            }
            type.fields.push_back(field);
        }
        config.eventTypes.push_back(type);
    }
    return config;
}

Config withFormat(Config config, const std::string& format) {
    config.serializationFormat = format;
    return config;
}

} // namespace

class PreviewTests : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Document> m_document;
    std::unique_ptr<PreviewService> m_service;

    void seed(uint64_t value) {
        Config settings = runSettingsOf(m_document->config());
        settings.seed = value;
        m_document->setRunSettings(settings);
    }

private slots:
    void init() {
        m_document = std::make_unique<Document>();
        m_document->reset(loadExample("quickstart.yaml"));
        m_service = std::make_unique<PreviewService>(m_document.get());
    }

    void cleanup() {
        m_service.reset();
        m_document.reset();
    }

    void modelColumnsAreTheKeysInFirstSeenOrderWithTheTypeFirst() {
        PreviewModel model;
        attachTester(&model);
        model.setRows({"{\"user_id\":7,\"event_type_id\":\"a\",\"amount\":1.50}",
                       "{\"event_type_id\":\"b\",\"user_id\":null,\"tags\":[\"x\",\"y\"],"
                       "\"s\":\"q\\\"}\"}"});
        QCOMPARE(model.columnNames(),
                 (QStringList{"event_type_id", "user_id", "amount", "tags", "s"}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, 2)).toString(), QStringLiteral("1.50"));
        QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("\"a\""));
        QVERIFY(!model.data(model.index(0, 3)).isValid());
        QCOMPARE(model.data(model.index(1, 3)).toString(), QStringLiteral("[\"x\",\"y\"]"));
        QCOMPARE(model.data(model.index(1, 4)).toString(), QStringLiteral("\"q\\\"}\""));
        QCOMPARE(model.data(model.index(1, 1)).toString(), QStringLiteral("null"));
        QVERIFY(model.data(model.index(1, 1), Qt::ForegroundRole).isValid());
        QVERIFY(!model.data(model.index(0, 1), Qt::ForegroundRole).isValid());
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("event_type_id"));
        QCOMPARE(model.payloads().size(), 2);

        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
    }

    void serviceRowsEqualTheEnginesPreviewForTheSameSeed() {
        seed(kSeed);
        QSignalSpy ready(m_service.get(), &PreviewService::previewReady);
        m_service->refreshNow();
        QVERIFY(ready.wait(5000));
        const QStringList rows = ready.takeLast().at(0).toStringList();
        QCOMPARE(rows.size(), 20);
        QCOMPARE(rows, enginePreview(m_document->config(), 20));
    }

    void serviceRowsEqualTheCliPreview() {
        seed(kSeed);
        QSignalSpy ready(m_service.get(), &PreviewService::previewReady);
        m_service->refreshNow();
        QVERIFY(ready.wait(5000));
        const QStringList cli = cliPreview({"preview", examplePath("quickstart.yaml"), "-n", "20",
                                            "--seed", QString::number(kSeed)});
        QCOMPARE(cli.size(), 20);
        QCOMPARE(ready.takeLast().at(0).toStringList(), cli);

        m_service->setEventType(1);
        m_service->setCount(7);
        QVERIFY(ready.wait(5000));
        QCOMPARE(ready.takeLast().at(0).toStringList(),
                 cliPreview({"preview", examplePath("quickstart.yaml"), "-n", "7", "--seed",
                             QString::number(kSeed), "--type", "user.purchase"}));
    }

    void aBinaryFormatShowsDecodedFieldsAndTheSizeOfEachEvent() {
        Config settings = runSettingsOf(m_document->config());
        settings.seed = kSeed;
        settings.serializationFormat = "avro";
        m_document->setRunSettings(settings);
        QSignalSpy ready(m_service.get(), &PreviewService::previewReady);
        m_service->refreshNow();
        QVERIFY(ready.wait(5000));
        QVERIFY(m_service->binary());

        std::string error;
        const auto plan = Plan::compile(m_document->config(), &error);
        QVERIFY2(plan, error.c_str());
        const std::vector<PreviewRow> engineRows = previewRows(*plan, 20);
        PreviewModel model;
        attachTester(&model);
        model.setTable(m_service->rows(), m_service->binary(), ready.last().at(0).toStringList());
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), PreviewModel::bytesColumnName());

        // The other cells are the fields of the JSON preview of the same seed.
        PreviewModel json;
        json.setRows(enginePreview(withFormat(m_document->config(), "json"), 20));
        for (int r = 0; r < 20; ++r) {
            QCOMPARE(model.data(model.index(r, 1)).toInt(),
                     int(engineRows[std::size_t(r)].payload.size()));
            for (int c = 0; c < json.columnCount(); ++c) {
                const int column = int(model.columnNames().indexOf(json.columnNames()[c]));
                QVERIFY(column >= 0);
                QCOMPARE(model.data(model.index(r, column)), json.data(json.index(r, c)));
            }
        }
    }

    void csvPreviewLinesAreTheHeaderAndTheRowsOfTheCli() {
        Config settings = runSettingsOf(m_document->config());
        settings.seed = kSeed;
        settings.serializationFormat = "csv";
        m_document->setRunSettings(settings);
        QSignalSpy ready(m_service.get(), &PreviewService::previewReady);
        m_service->refreshNow();
        QVERIFY(ready.wait(5000));
        QVERIFY(!m_service->binary());
        const QStringList lines = ready.last().at(0).toStringList();
        QCOMPARE(lines.size(), 21);
        QVERIFY(lines.first().startsWith(QStringLiteral("event_type_id,")));
        QCOMPARE(lines, cliPreview({"preview", examplePath("quickstart.yaml"), "-n", "20", "--seed",
                                    QString::number(kSeed), "--format", "csv"}));
    }

    void aWeightEditBringsANewPreview() {
        QSignalSpy ready(m_service.get(), &PreviewService::previewReady);
        m_service->refreshNow();
        QVERIFY(ready.wait(5000));
        const QStringList before = ready.takeLast().at(0).toStringList();
        m_document->setEventTypeWeight(2, 50.0);
        QVERIFY(m_service->isPending());
        QVERIFY(ready.wait(5000));
        const QStringList after = ready.takeLast().at(0).toStringList();
        QVERIFY(after != before);
        QCOMPARE(after, enginePreview(m_document->config(), 20));
        QCOMPARE(after.filter("user.session.end").size() > before.filter("user.session.end").size(),
                 true);
    }

    void anInvalidConfigFailsWithAHint() {
        QSignalSpy ready(m_service.get(), &PreviewService::previewReady);
        QSignalSpy failed(m_service.get(), &PreviewService::previewFailed);
        m_document->setEventTypeWeight(0, -1.0);
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.takeLast().at(0).toString().contains(QStringLiteral("problems")));
        QCOMPARE(ready.count(), 0);
        m_document->undoStack()->undo();
        QVERIFY(ready.wait(5000));
    }

    void rapidEditsEndWithThePreviewOfTheLastOne() {
        QSignalSpy ready(m_service.get(), &PreviewService::previewReady);
        for (int i = 1; i <= 20; ++i) {
            m_document->setEventTypeWeight(1, i);
            m_service->refreshNow();
        }
        while (m_service->isPending()) {
            QVERIFY(ready.wait(5000));
        }
        QCOMPARE(ready.last().at(0).toStringList(), enginePreview(m_document->config(), 20));
    }

    void previewFollowsAWeightEditQuicklyOnALargeConfig() {
        m_document->reset(generatedConfig(100, 20));
        QVERIFY(m_document->problems().empty());
        QSignalSpy ready(m_service.get(), &PreviewService::previewReady);
        QVERIFY(ready.wait(5000));

        constexpr int kEdits = 10;
        qint64 total = 0;
        qint64 worst = 0;
        for (int i = 0; i < kEdits; ++i) {
            QElapsedTimer timer;
            timer.start();
            m_document->setEventTypeWeight(5, 2.0 + i);
            QVERIFY(ready.wait(5000));
            const qint64 elapsed = timer.elapsed();
            total += elapsed;
            worst = std::max(worst, elapsed);
        }
        QElapsedTimer compute;
        compute.start();
        const QStringList direct = enginePreview(m_document->config(), 20);
        const qint64 computeUs = compute.nsecsElapsed() / 1000;
        QCOMPARE(ready.last().at(0).toStringList(), direct);
        qInfo("preview after a weight edit, 100 types x 20 fields: mean %lld ms, worst %lld ms "
              "(debounce %d ms; compile + render alone %lld us)",
              total / kEdits, worst, PreviewService::kDebounceMs, computeUs);
        QVERIFY(worst < 1000);
    }
};

QTEST_MAIN(PreviewTests)
#include "models_test_preview.moc"
