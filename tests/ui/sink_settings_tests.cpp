// The Studio's sink settings come from the sink registry and its checks from the preflight.
#include "engine/encoders/format.h"
#include "models_test_support.h"
#include "run_test_support.h"
#include "sinks/sink_registry.h"
#include "ui/document.h"
#include "ui/edit_command.h"
#include "ui/models/problems_model.h"
#include "ui/run/kafka_panel.h"
#include "ui/run/run_controller.h"
#include "ui/run/run_panel.h"
#include "ui/run/sink_options_form.h"
#include "ui/widgets/run_settings_panel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QToolButton>

using namespace streamgen;
using namespace streamgen::ui;
using namespace streamgen::ui::test;

namespace {

Config withSink(const std::string& type,
                std::initializer_list<std::pair<std::string, std::string>> options) {
    Config config = nullSinkConfig(1000);
    config.sink = SinkConfig{};
    config.sink.type = type;
    for (const auto& [key, value] : options) {
        config.sink.options.set(key, value);
    }
    return config;
}

QStringList comboData(const QComboBox* combo) {
    QStringList data;
    for (int i = 0; i < combo->count(); ++i) {
        data << combo->itemData(i).toString();
    }
    return data;
}

QStringList registeredSinks() {
    QStringList names;
    for (const std::string& name : sinkNames()) {
        names << QString::fromStdString(name);
    }
    return names;
}

} // namespace

class SinkSettingsTests : public QObject {
    Q_OBJECT

private slots:
    void sinkCombosOfferTheRegistryAndShowAnUnknownSinkAsWritten() {
        Document document;
        document.reset(withSink("hdfs", {{"table", "events"}}));
        RunSettingsPanel settings(&document);
        RunController controller(&document);
        RunPanel dashboard(&document, &controller);
        for (QComboBox* combo : {settings.findChild<QComboBox*>("sinkType"),
                                 dashboard.findChild<QComboBox*>("dashboardSinkType")}) {
            QVERIFY(combo);
            QStringList offered = comboData(combo);
            QCOMPARE(offered.mid(0, registeredSinks().size()), registeredSinks());
            QCOMPARE(combo->currentData().toString(), QString("hdfs"));
            QVERIFY(combo->currentText().contains("not available"));
        }
    }

    void formatComboListsTheEnginesFormatsAndEditsAreUndoable() {
        Document document;
        document.reset(nullSinkConfig(1000));
        RunSettingsPanel settings(&document);
        auto* format = settings.findChild<QComboBox*>("serializationFormat");
        QStringList expected;
        for (const std::string& name : formatNames()) {
            expected << QString::fromStdString(name);
        }
        QCOMPARE(comboData(format), expected);
        format->setCurrentIndex(format->findData("csv"));
        emit format->activated(format->currentIndex());
        QCOMPARE(document.config().serializationFormat, std::string("csv"));
        document.undoStack()->undo();
        QCOMPARE(document.config().serializationFormat, std::string("json"));
        QCOMPARE(format->currentData().toString(), QString("json"));
    }

    void formHasOneEditorPerDeclaredOptionWithItsDefault() {
        Document document;
        document.reset(withSink("file", {{"path", "/tmp/landing"}}));
        SinkOptionsForm form(&document, SinkOptionsForm::Scope::All);
        for (const SinkOption& option : findSink("file")->options) {
            QVERIFY2(form.editor(QString::fromStdString(option.name)), option.name.c_str());
        }
        auto* path = qobject_cast<QLineEdit*>(form.editor("path"));
        QCOMPARE(path->text(), QString("/tmp/landing"));
        auto* records = qobject_cast<QLineEdit*>(form.editor("max_records"));
        QCOMPARE(records->placeholderText(), QString("default: 100000"));
        QTest::keyClicks(records, "500");
        QCOMPARE(document.config().sink.options.find("max_records")->scalar, std::string("500"));
        // Typing one value is one undo step, and undo empties the editor again.
        QCOMPARE(document.undoStack()->count(), 1);
        document.undoStack()->undo();
        QVERIFY(!document.config().sink.options.find("max_records"));
        QVERIFY(qobject_cast<QLineEdit*>(form.editor("max_records"))->text().isEmpty());
    }

    void choicesAreACombo() {
        Document document;
        document.reset(withSink("kafka", {{"bootstrap_servers", "b:9092"}, {"topic", "t"}}));
        SinkOptionsForm form(&document, SinkOptionsForm::Scope::All);
        auto* strategy = qobject_cast<QComboBox*>(form.editor("subject_name_strategy"));
        QVERIFY(strategy);
        QCOMPARE(comboData(strategy), (QStringList{"", "topic", "record", "topic_record"}));
        strategy->setCurrentIndex(strategy->findData("record"));
        emit strategy->activated(strategy->currentIndex());
        QCOMPARE(document.config().sink.options.find("subject_name_strategy")->scalar,
                 std::string("record"));
    }

    void secretsAreMaskedAsDeclaredNotByTheLookOfTheirName() {
        Document document;
        document.reset(withSink("eventhubs", {{"namespace", "my-namespace"},
                                              {"event_hub", "clicks"},
                                              {"connection_string", "Endpoint=sb://x;Key=k"},
                                              {"partition_key_field", "user_id"}}));
        SinkOptionsForm form(&document, SinkOptionsForm::Scope::All);
        form.show();
        auto* key = qobject_cast<QLineEdit*>(form.editor("partition_key_field"));
        QCOMPARE(key->echoMode(), QLineEdit::Normal);
        auto* secret = qobject_cast<QLineEdit*>(form.editor("connection_string"));
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        auto* reveal = secret->parentWidget()->findChild<QToolButton*>();
        QVERIFY(reveal && reveal->isVisible());
        reveal->setChecked(true);
        QCOMPARE(secret->echoMode(), QLineEdit::Normal);
        secret->selectAll();
        QTest::keyClicks(secret, "${EH_CONNECTION}");
        QCOMPARE(secret->echoMode(), QLineEdit::Normal);
        QVERIFY(!reveal->isVisible());
        QCOMPARE(document.config().sink.options.find("connection_string")->scalar,
                 std::string("${EH_CONNECTION}"));
    }

    void undeclaredOptionsAreKeptAndEditable() {
        Document document;
        document.reset(withSink("stdout", {{"colour", "blue"}}));
        Config config = document.config();
        OptionNode nested;
        nested.set("a", "1");
        config.sink.options.entries.emplace_back("extra", nested);
        document.reset(config);
        SinkOptionsForm form(&document, SinkOptionsForm::Scope::All);
        auto* key = form.findChild<QLineEdit*>("optionKey0");
        auto* value = form.findChild<QLineEdit*>("optionValue0");
        QVERIFY(key && value);
        QCOMPARE(key->text(), QString("colour"));
        QTest::keyClicks(value, "ish");
        QCOMPARE(document.config().sink.options.find("colour")->scalar, std::string("blueish"));
        QVERIFY(document.config().sink.options.find("extra")); // kept as written
    }

    void dashboardShowsTheRequiredOptionsAndTheKafkaTest() {
        Document document;
        document.reset(withSink("kafka", {{"bootstrap_servers", "127.0.0.1:1"}, {"topic", "t"}}));
        RunController controller(&document);
        RunPanel dashboard(&document, &controller);
        dashboard.show();
        QVERIFY(dashboard.sinkOptions()->editor("bootstrap_servers"));
        QVERIFY(dashboard.sinkOptions()->editor("topic"));
        QVERIFY(!dashboard.sinkOptions()->editor("partition_key_field"));
        QVERIFY(dashboard.kafkaPanel()->isVisible());
        auto* combo = dashboard.findChild<QComboBox*>("dashboardSinkType");
        combo->setCurrentIndex(combo->findData("file"));
        emit combo->activated(combo->currentIndex());
        QCOMPARE(document.config().sink.type, std::string("file"));
        QVERIFY(!dashboard.kafkaPanel()->isVisible());
        QVERIFY(dashboard.sinkOptions()->editor("path"));
    }

    void problemsListTheSinksProblemsAndStartRefusesThem() {
        Document document;
        document.reset(withSink("hdfs", {}));
        ProblemsModel problems(&document);
        attachTester(&problems);
        QVERIFY(document.problems().empty()); // validation alone has nothing to say
        QCOMPARE(problems.rowCount(), 1);
        const QString message = problems.data(problems.index(0, ProblemsModel::Message)).toString();
        QVERIFY2(message.contains("unknown sink type `hdfs`"), qPrintable(message));

        RunController controller(&document);
        QString error;
        QVERIFY(!controller.start({}, &error));
        QCOMPARE(controller.lastStartFailure(), RunController::StartFailure::Config);
        QVERIFY2(error.contains("unknown sink type `hdfs`"), qPrintable(error));

        Config settings = runSettingsOf(document.config());
        settings.sink.type = "null";
        document.setRunSettings(settings);
        QCOMPARE(problems.rowCount(), 0);
        QVERIFY2(controller.start({1000, std::nullopt}, &error), qPrintable(error));
        QVERIFY(waitForState(controller, RunController::State::Finished));
    }

    void aSecretInClearIsAProblemButNotPrinted() {
        Document document;
        document.reset(withSink("eventhubs", {{"namespace", "my-namespace"},
                                              {"event_hub", "clicks"},
                                              {"connection_string", "s3cr3t"}}));
        ProblemsModel problems(&document);
        QCOMPARE(problems.rowCount(), 1);
        const QString message = problems.data(problems.index(0, ProblemsModel::Message)).toString();
        QVERIFY(message.contains("holds a secret"));
        QVERIFY(!message.contains("s3cr3t"));
    }
};

QTEST_MAIN(SinkSettingsTests)
#include "sink_settings_tests.moc"
