#include "models_test_support.h"
#include "ui/models/problems_model.h"
#include "ui/models/roles.h"

#include <memory>

using namespace streamgen;
using namespace streamgen::ui;
using namespace streamgen::ui::test;

class ProblemsModelTests : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Document> m_document;
    std::unique_ptr<ProblemsModel> m_model;

    int rowWithPath(const QString& path) const {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (m_model->data(m_model->index(row, 0), Qt::ToolTipRole).toString() == path) {
                return row;
            }
        }
        return -1;
    }

private slots:
    void init() {
        m_document = std::make_unique<Document>();
        // The example names the Kinesis sink, which is not built: a null sink makes it runnable.
        Config config = loadExample("quickstart.yaml");
        config.sink = SinkConfig{};
        config.sink.type = "null";
        m_document->reset(config);
        m_model = std::make_unique<ProblemsModel>(m_document.get());
        attachTester(m_model.get());
    }

    void cleanup() {
        m_model.reset();
        m_document.reset();
    }

    void aValidDocumentHasNoRows() {
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->columnCount(), int(ProblemsModel::ColumnCount));
    }

    void rowsFollowTheDocumentsProblems() {
        m_document->setEventTypeWeight(2, -1.0);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->data(m_model->index(0, ProblemsModel::Severity)).toString(),
                 QStringLiteral("Error"));
        QVERIFY(m_model->data(m_model->index(0, ProblemsModel::Message))
                    .toString()
                    .startsWith(QStringLiteral("weight must be")));
        m_document->undoStack()->undo();
        QCOMPARE(m_model->rowCount(), 0);
    }

    void targetsAreParsedForTypeFieldAndCommonPaths() {
        Config config = m_document->config();
        config.eventTypes[2].weight = -1.0;
        config.eventTypes[0].id = "user.purchase";
        config.eventTypes[1].fields[1].floatMin = 5.0;
        config.eventTypes[1].fields[1].floatMax = 1.0;
        config.commonFields[0].nullRatio = 3.0;
        config.eventTypes[0].fields[1].weights = {0.4, -1.0, 0.2};
        m_document->replaceConfig(config, QStringLiteral("break things"));

        const ProblemTarget weight = m_model->targetOf(rowWithPath("event_types[2].weight"));
        QCOMPARE(weight.type, 2);
        QVERIFY(!weight.common);
        QCOMPARE(weight.fieldIndex, -1);
        QCOMPARE(weight.key, QStringLiteral("weight"));

        const int duplicate = rowWithPath("event_types[1].event_type_id");
        QCOMPARE(m_model->targetOf(duplicate).key, QStringLiteral("event_type_id"));
        QCOMPARE(m_model->targetOf(duplicate).type, 1);

        const int rangeRow = rowWithPath("event_types[1].fields.amount.range");
        const ProblemTarget range = m_model->targetOf(rangeRow);
        QCOMPARE(range.type, 1);
        QCOMPARE(range.fieldIndex, 1);
        QCOMPARE(range.key, QStringLiteral("range"));
        QCOMPARE(range.fieldRef(), (FieldRef{1, 1}));
        QCOMPARE(m_model->data(m_model->index(rangeRow, ProblemsModel::Where)).toString(),
                 QStringLiteral("user.purchase › amount › range · 26:16"));

        const ProblemTarget common =
            m_model->targetOf(rowWithPath("common_fields.user_id.null_ratio"));
        QVERIFY(common.common);
        QCOMPARE(common.fieldIndex, 0);
        QCOMPARE(common.key, QStringLiteral("null_ratio"));
        QCOMPARE(common.fieldRef(), (FieldRef{-1, 0}));

        const ProblemTarget value =
            m_model->targetOf(rowWithPath("event_types[0].fields.device_type.weights[1]"));
        QCOMPARE(value.fieldIndex, 1);
        QCOMPARE(value.key, QStringLiteral("weights[1]"));

        QCOMPARE(m_model->targetOf(-1), ProblemTarget{});
        QCOMPARE(m_model->targetOf(m_model->rowCount()), ProblemTarget{});
    }

    void fieldNamesWithDotsAndTopLevelKeysResolve() {
        Config config = m_document->config();
        FieldSpec dotted = config.eventTypes[0].fields[0];
        dotted.name = "geo.lat";
        config.eventTypes[0].fields.push_back(dotted);
        dotted.name = "geo";
        config.eventTypes[0].fields.push_back(dotted);
        const ProblemTarget longest =
            parseProblemPath("event_types[0].fields.geo.lat.range", config);
        QCOMPARE(longest.fieldIndex, 2);
        QCOMPARE(longest.key, QStringLiteral("range"));
        QCOMPARE(parseProblemPath("event_types[0].fields.geo", config).fieldIndex, 3);
        QCOMPARE(parseProblemPath("event_types[0].fields.geo", config).key, QStringLiteral("name"));

        const ProblemTarget top =
            parseProblemPath("streaming_config.total_rows_per_second", config);
        QCOMPARE(top.type, -1);
        QVERIFY(!top.isField());
        QCOMPARE(top.key, QStringLiteral("streaming_config.total_rows_per_second"));
        QCOMPARE(readableProblemPath(top, "streaming_config.total_rows_per_second", config),
                 QStringLiteral("streaming_config › total_rows_per_second"));
        QCOMPARE(parseProblemPath("event_types[9].weight", config).type, -1);
    }

    void whereShowsLineAndColumnWhenKnown() {
        const LoadResult loaded = loadConfigString("event_types:\n"
                                                   "  - event_type_id: a\n"
                                                   "    weight: 1\n"
                                                   "    fields:\n"
                                                   "      n:\n"
                                                   "        type: int\n"
                                                   "        range: [9, 1]\n");
        QVERIFY(!loaded.ok());
        m_document->reset(loaded.config);
        const int row = rowWithPath("event_types[0].fields.n.range");
        QVERIFY(row >= 0);
        QCOMPARE(m_model->data(m_model->index(row, ProblemsModel::Where)).toString(),
                 QStringLiteral("a › n › range · 7:16"));
        QCOMPARE(m_model->data(m_model->index(row, 0), FieldRefRole).value<FieldRef>(),
                 (FieldRef{0, 0}));
    }
};

QTEST_MAIN(ProblemsModelTests)
#include "models_test_problems.moc"
