#include "models_test_support.h"
#include "ui/models/roles.h"
#include "ui/models/values_model.h"

#include <memory>

using namespace streamgen;
using namespace streamgen::ui;
using namespace streamgen::ui::test;

namespace {

const FieldRef kDeviceType{0, 1}; // user.session.start's device_type: iOS, Android, Web

} // namespace

class ValuesModelTests : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Document> m_document;
    std::unique_ptr<ValuesModel> m_model;

    QString cell(int row, int column, int role = Qt::DisplayRole) const {
        return m_model->data(m_model->index(row, column), role).toString();
    }
    const FieldSpec& deviceType() const { return *m_document->field(kDeviceType); }

private slots:
    void init() {
        m_document = std::make_unique<Document>();
        m_document->reset(loadExample("quickstart.yaml"));
        m_model = std::make_unique<ValuesModel>(m_document.get());
        attachTester(m_model.get());
        m_model->setField(kDeviceType);
    }

    void cleanup() {
        m_model.reset();
        m_document.reset();
    }

    void rowsAreTheValuesWithWeightsAndShares() {
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(cell(0, ValuesModel::Value), QStringLiteral("iOS"));
        QCOMPARE(cell(2, ValuesModel::Weight), QStringLiteral("0.2"));
        QCOMPARE(cell(1, ValuesModel::Share), QStringLiteral("40%"));
        m_model->setField(FieldRef{1, 1}); // a float field has no values
        QCOMPARE(m_model->rowCount(), 0);
    }

    void typingAValueIsOneUndoStep() {
        const QModelIndex value = m_model->index(0, ValuesModel::Value);
        QVERIFY(m_model->setData(value, QStringLiteral("iP")));
        QVERIFY(m_model->setData(value, QStringLiteral("iPadOS")));
        QCOMPARE(deviceType().values[0], std::string("iPadOS"));
        QCOMPARE(m_document->undoStack()->count(), 1);
        m_document->undoStack()->undo();
        QCOMPARE(cell(0, ValuesModel::Value), QStringLiteral("iOS"));
    }

    void weightEditsChangeEveryShare() {
        QVERIFY(m_model->setData(m_model->index(2, ValuesModel::Weight), 1.2));
        QCOMPARE(deviceType().weights[2], 1.2);
        QCOMPARE(cell(2, ValuesModel::Share), QStringLiteral("60%"));
        QCOMPARE(cell(0, ValuesModel::Share), QStringLiteral("20%"));
        QVERIFY(!m_model->setData(m_model->index(2, ValuesModel::Weight), -1.0));
        QVERIFY(!m_model->setData(m_model->index(2, ValuesModel::Weight), QStringLiteral("x")));
        m_document->undoStack()->undo();
        QCOMPARE(cell(2, ValuesModel::Share), QStringLiteral("20%"));
    }

    void aWeightOnAnUnweightedFieldWeighsTheOthersOne() {
        FieldSpec field = deviceType();
        field.weights.clear();
        m_document->setField(kDeviceType, field);
        QCOMPARE(cell(0, ValuesModel::Weight), QString());
        QCOMPARE(cell(0, ValuesModel::Share), QStringLiteral("33.3%"));
        QVERIFY(m_model->setData(m_model->index(0, ValuesModel::Weight), 2.0));
        QCOMPARE(deviceType().weights, (std::vector<double>{2.0, 1.0, 1.0}));
        QCOMPARE(cell(0, ValuesModel::Share), QStringLiteral("50%"));
    }

    void addingAndRemovingValuesIsUndoable() {
        QVERIFY(m_model->insertRows(3, 1));
        QCOMPARE(m_model->rowCount(), 3 + 1);
        QCOMPARE(deviceType().values.back(), std::string("value_4"));
        QCOMPARE(deviceType().weights.back(), 1.0);
        QVERIFY(m_document->problems().empty());

        QVERIFY(m_model->removeRows(0, 2));
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(deviceType().values, (std::vector<std::string>{"Web", "value_4"}));
        QCOMPARE(deviceType().weights, (std::vector<double>{0.2, 1.0}));
        QVERIFY(!m_model->removeRows(1, 5));

        m_document->undoStack()->undo();
        QCOMPARE(m_model->rowCount(), 4);
        m_document->undoStack()->undo();
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(deviceType().values, (std::vector<std::string>{"iOS", "Android", "Web"}));
    }

    void rowsWithProblemsAreTinted() {
        FieldSpec field = deviceType();
        field.weights[1] = -1.0;
        m_document->setField(kDeviceType, field);
        QVERIFY(cell(1, ValuesModel::Weight, ProblemRole).contains(QStringLiteral("Android")));
        QCOMPARE(m_model->data(m_model->index(1, ValuesModel::Weight), Qt::BackgroundRole)
                     .value<QColor>(),
                 problemBackground());
        QVERIFY(cell(0, ValuesModel::Weight, ProblemRole).isEmpty());

        field.weights = {0.0, 0.0, 0.0};
        m_document->setField(kDeviceType, field);
        for (int row = 0; row < 3; ++row) {
            QVERIFY(!cell(row, ValuesModel::Weight, ProblemRole).isEmpty());
        }
        QVERIFY(m_model->setData(m_model->index(0, ValuesModel::Weight), 1.0));
        QVERIFY(cell(1, ValuesModel::Weight, ProblemRole).isEmpty());
    }
};

QTEST_MAIN(ValuesModelTests)
#include "models_test_values.moc"
