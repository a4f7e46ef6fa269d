#include "model/time_format.h"
#include "models_test_support.h"
#include "ui/models/fields_model.h"
#include "ui/models/roles.h"

#include <QFont>
#include <QSignalSpy>
#include <memory>

using namespace streamgen;
using namespace streamgen::ui;
using namespace streamgen::ui::test;

namespace {

FieldSpec makeField(FieldType type) {
    FieldSpec field;
    field.name = "f";
    field.type = type;
    return field;
}

} // namespace

class FieldsModelTests : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Document> m_document;
    std::unique_ptr<FieldsModel> m_model;

    QString cell(int row, int column, int role = Qt::DisplayRole) const {
        return m_model->data(m_model->index(row, column), role).toString();
    }

private slots:
    void init() {
        m_document = std::make_unique<Document>();
        m_document->reset(loadExample("quickstart.yaml"));
        m_model = std::make_unique<FieldsModel>(m_document.get());
        attachTester(m_model.get());
        m_model->setEventType(1); // user.purchase: user_id (common), transaction_id, amount
    }

    void cleanup() {
        m_model.reset();
        m_document.reset();
    }

    void commonFieldsComeFirstAndAreShownDistinctly() {
        QCOMPARE(m_model->eventType(), 1);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(cell(0, FieldsModel::Name), QStringLiteral("user_id"));
        QCOMPARE(cell(1, FieldsModel::Name), QStringLiteral("transaction_id"));
        QCOMPARE(cell(2, FieldsModel::Type), QStringLiteral("float"));
        QVERIFY(m_model->data(m_model->index(0, 0), IsCommonRole).toBool());
        QVERIFY(!m_model->data(m_model->index(1, 0), IsCommonRole).toBool());
        QVERIFY(m_model->data(m_model->index(0, 0), Qt::FontRole).value<QFont>().italic());
        QVERIFY(!m_model->data(m_model->index(1, 0), Qt::FontRole).isValid());
        QCOMPARE(m_model->data(m_model->index(0, 2), Qt::BackgroundRole).value<QColor>(),
                 commonFieldBackground());
        QCOMPARE(cell(0, FieldsModel::Name, Qt::ToolTipRole),
                 QStringLiteral("common field: in every event type"));
        QCOMPARE(m_model->fieldRef(0), (FieldRef{-1, 0}));
        QCOMPARE(m_model->fieldRef(2), (FieldRef{1, 1}));
        QCOMPARE(m_model->data(m_model->index(2, 0), FieldRefRole).value<FieldRef>(),
                 (FieldRef{1, 1}));
        QCOMPARE(m_model->rowOf(FieldRef{1, 1}), 2);
        QCOMPARE(m_model->rowOf(FieldRef{-1, 0}), 0);
        QCOMPARE(m_model->rowOf(FieldRef{0, 0}), -1);
    }

    void minusOneShowsOnlyTheCommonFields() {
        m_model->setEventType(-1);
        QCOMPARE(m_model->rowCount(), 1);
        m_model->setEventType(0);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(cell(2, FieldsModel::Name), QStringLiteral("device_type"));
    }

    void renamingAFieldIsUniqueAcrossCommonAndOwnFields() {
        const QModelIndex name = m_model->index(2, FieldsModel::Name);
        QVERIFY(!m_model->setData(name, QStringLiteral("user_id")));
        QVERIFY(!m_model->setData(name, QStringLiteral("transaction_id")));
        QVERIFY(!m_model->setData(name, QString()));
        QVERIFY(!m_model->setData(m_model->index(0, FieldsModel::Name),
                                  QStringLiteral("session_id"))); // a field of another type
        QVERIFY(m_model->setData(name, QStringLiteral("price")));
        QCOMPARE(m_document->config().eventTypes[1].fields[1].name, std::string("price"));
        m_document->undoStack()->undo();
        QCOMPARE(cell(2, FieldsModel::Name), QStringLiteral("amount"));
    }

    void aTakenNameIsRefusedWithTheReason() {
        QSignalSpy rejected(m_model.get(), &FieldsModel::editRejected);
        QVERIFY(!m_model->setData(m_model->index(2, FieldsModel::Name),
                                  QStringLiteral("transaction_id")));
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(rejected.takeFirst().at(0).toString(),
                 QStringLiteral("a field `transaction_id` already exists in this event (or as a "
                                "common field)"));
        QVERIFY(
            !m_model->setData(m_model->index(0, FieldsModel::Name), QStringLiteral("session_id")));
        QCOMPARE(rejected.count(), 1);
        QVERIFY(rejected.takeFirst().at(0).toString().contains(QStringLiteral("`session_id`")));
        QVERIFY(m_model->setData(m_model->index(2, FieldsModel::Name), QStringLiteral("price")));
        QCOMPARE(rejected.count(), 0);
    }

    void editsKeepTheRowsInsteadOfResetting() {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy dataChanged(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(m_model->setData(m_model->index(1, FieldsModel::Name), QStringLiteral("tx")));
        QCOMPARE(reset.count(), 0);
        QVERIFY(dataChanged.count() > 0);
        m_document->insertField(FieldRef{1, 2}, makeField(FieldType::Uuid));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(m_model->rowCount(), 4);
    }

    void changingTheTypeGivesUsableOptions() {
        QVERIFY(m_model->setData(m_model->index(2, FieldsModel::Type), QStringLiteral("string")));
        const FieldSpec& amount = m_document->config().eventTypes[1].fields[1];
        QCOMPARE(amount.type, FieldType::String);
        QCOMPARE(amount.values, (std::vector<std::string>{"a", "b"}));
        QVERIFY(m_document->problems().empty());
        m_document->undoStack()->undo();
        QCOMPARE(m_document->config().eventTypes[1].fields[1].type, FieldType::Float);

        QVERIFY(m_model->setData(m_model->index(2, FieldsModel::Type), QStringLiteral("integer")));
        const FieldSpec& asInt = m_document->config().eventTypes[1].fields[1];
        QCOMPARE(asInt.type, FieldType::Int);
        QCOMPARE(asInt.intMin, int64_t(1));
        QCOMPARE(asInt.intMax, int64_t(999));
        QVERIFY(!m_model->setData(m_model->index(2, FieldsModel::Type), QStringLiteral("blob")));
        QCOMPARE(cell(2, FieldsModel::Type, Qt::EditRole), QStringLiteral("int"));
    }

    void nullPercentEditsTheNullRatio() {
        const QModelIndex nulls = m_model->index(1, FieldsModel::NullPercent);
        QCOMPARE(cell(1, FieldsModel::NullPercent), QStringLiteral("0%"));
        QVERIFY(m_model->setData(nulls, 25));
        QCOMPARE(m_document->config().eventTypes[1].fields[0].nullRatio, 0.25);
        QCOMPARE(cell(1, FieldsModel::NullPercent), QStringLiteral("25%"));
        QCOMPARE(m_model->data(nulls, Qt::EditRole).toDouble(), 25.0);
        QVERIFY(m_model->setData(nulls, QStringLiteral("30%")));
        QCOMPARE(m_document->undoStack()->count(), 1); // typing in one cell is one step
        QVERIFY(!m_model->setData(nulls, 101));
        QVERIFY(!m_model->setData(nulls, -1));
        m_document->undoStack()->undo();
        QCOMPARE(m_document->config().eventTypes[1].fields[0].nullRatio, 0.0);
    }

    void optionsSummariesReadNaturally() {
        FieldSpec integer = makeField(FieldType::Int);
        integer.intMin = 1;
        integer.intMax = 1000000;
        QCOMPARE(FieldsModel::optionsSummary(integer), QStringLiteral("1 … 1,000,000"));

        FieldSpec real = makeField(FieldType::Double);
        real.floatMin = 0.99;
        real.floatMax = 999.99;
        QCOMPARE(FieldsModel::optionsSummary(real), QStringLiteral("0.99 … 999.99"));
        real.precision = 2;
        QCOMPARE(FieldsModel::optionsSummary(real), QStringLiteral("0.99 … 999.99, 2 digits"));

        FieldSpec text = makeField(FieldType::String);
        text.values = {"iOS", "Android", "Web"};
        text.weights = {0.4, 0.4, 0.2};
        QCOMPARE(FieldsModel::optionsSummary(text),
                 QStringLiteral("iOS 40% · Android 40% · Web 20%"));
        text.weights.clear();
        QCOMPARE(FieldsModel::optionsSummary(text),
                 QStringLiteral("iOS 33.3% · Android 33.3% · Web 33.3%"));

        FieldSpec flag = makeField(FieldType::Boolean);
        QCOMPARE(FieldsModel::optionsSummary(flag), QStringLiteral("true 50%"));

        FieldSpec time = makeField(FieldType::Timestamp);
        QCOMPARE(FieldsModel::optionsSummary(time), QStringLiteral("now"));
        time.timestampMode = TimestampMode::Sequence;
        time.beginMs = *detail::parseIsoTimestamp("2024-01-01T00:00:00Z");
        QCOMPARE(FieldsModel::optionsSummary(time),
                 QStringLiteral("sequence from 2024-01-01T00:00:00Z every 1000 ms"));

        FieldSpec date = makeField(FieldType::Date);
        date.dateRange =
            std::pair(*detail::parseIsoDate("2024-01-01"), *detail::parseIsoDate("2024-12-31"));
        QCOMPARE(FieldsModel::optionsSummary(date), QStringLiteral("2024-01-01 … 2024-12-31"));

        QCOMPARE(FieldsModel::optionsSummary(makeField(FieldType::Uuid)),
                 QStringLiteral("uuid v4"));
        QCOMPARE(cell(2, FieldsModel::Options), QStringLiteral("0.99 … 999.99"));
    }

    void invertedRangeTintsTheOptionsCellUntilFixed() {
        FieldSpec amount = m_document->config().eventTypes[1].fields[1];
        const FieldSpec valid = amount;
        amount.floatMin = 10.0;
        amount.floatMax = 1.0;
        m_document->setField(FieldRef{1, 1}, amount, QStringLiteral("range"));
        const QModelIndex options = m_model->index(2, FieldsModel::Options);
        QVERIFY(cell(2, FieldsModel::Options, ProblemRole).contains(QStringLiteral("inverted")));
        QCOMPARE(m_model->data(options, Qt::BackgroundRole).value<QColor>(), problemBackground());
        QCOMPARE(cell(2, FieldsModel::Options, Qt::ToolTipRole),
                 cell(2, FieldsModel::Options, ProblemRole));
        QVERIFY(cell(2, FieldsModel::Name, ProblemRole).isEmpty());

        m_document->setField(FieldRef{1, 1}, valid, QStringLiteral("range"));
        QVERIFY(cell(2, FieldsModel::Options, ProblemRole).isEmpty());
        QVERIFY(!m_model->data(options, Qt::BackgroundRole).isValid());
    }

    void commonFieldProblemsAreTintedInEveryType() {
        FieldSpec userId = m_document->config().commonFields[0];
        userId.nullRatio = 2.0;
        m_document->setField(FieldRef{-1, 0}, userId);
        QVERIFY(!cell(0, FieldsModel::NullPercent, ProblemRole).isEmpty());
        m_model->setEventType(2);
        QVERIFY(!cell(0, FieldsModel::NullPercent, ProblemRole).isEmpty());
        QVERIFY(cell(0, FieldsModel::Options, ProblemRole).isEmpty());
    }

    void aFieldRepeatingACommonNameIsTintedOnItsName() {
        FieldSpec amount = m_document->config().eventTypes[1].fields[1];
        amount.name = "user_id";
        m_document->setField(FieldRef{1, 1}, amount);
        QVERIFY(cell(2, FieldsModel::Name, ProblemRole).contains(QStringLiteral("common")));
    }

    void deletingTheShownTypeFallsBackToCommonFields() {
        m_model->setEventType(2);
        m_document->removeEventTypes({2});
        QCOMPARE(m_model->eventType(), -1);
        QCOMPARE(m_model->rowCount(), 1);
    }
};

QTEST_MAIN(FieldsModelTests)
#include "models_test_fields.moc"
