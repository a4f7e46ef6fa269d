#include "models_test_support.h"
#include "ui/edit_command.h"
#include "ui/models/event_types_model.h"
#include "ui/models/roles.h"

#include <QMimeData>
#include <QSignalSpy>
#include <memory>

using namespace streamgen;
using namespace streamgen::ui;
using namespace streamgen::ui::test;

namespace {

QStringList typeIds(const Document& document) {
    QStringList ids;
    for (const EventType& type : document.config().eventTypes) {
        ids << QString::fromStdString(type.id);
    }
    return ids;
}

} // namespace

class EventTypesModelTests : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Document> m_document;
    std::unique_ptr<EventTypesModel> m_model;

    QString cell(int row, int column, int role = Qt::DisplayRole) const {
        return m_model->data(m_model->index(row, column), role).toString();
    }

private slots:
    void init() {
        m_document = std::make_unique<Document>();
        m_document->reset(loadExample("quickstart.yaml"));
        m_model = std::make_unique<EventTypesModel>(m_document.get());
        attachTester(m_model.get());
    }

    void cleanup() {
        m_model.reset();
        m_document.reset();
    }

    void showsOneRowPerEventTypeWithSharesAndRates() {
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->columnCount(), int(EventTypesModel::ColumnCount));
        QCOMPARE(cell(0, EventTypesModel::Id), QStringLiteral("user.session.start"));
        QCOMPARE(cell(1, EventTypesModel::Weight), QStringLiteral("0.3"));
        QCOMPARE(m_model->data(m_model->index(1, EventTypesModel::Weight), Qt::EditRole).toDouble(),
                 0.3);
        QCOMPARE(cell(0, EventTypesModel::Share), QStringLiteral("50%"));
        QCOMPARE(cell(2, EventTypesModel::Share), QStringLiteral("20%"));
        QCOMPARE(cell(0, EventTypesModel::TargetRate), QStringLiteral("500/s"));
        QCOMPARE(cell(1, EventTypesModel::FieldCount), QStringLiteral("2"));
        QCOMPARE(m_model->data(m_model->index(0, EventTypesModel::Enabled), Qt::CheckStateRole)
                     .value<Qt::CheckState>(),
                 Qt::Checked);
        QVERIFY(m_model->flags(m_model->index(0, EventTypesModel::Weight)) & Qt::ItemIsEditable);
        QVERIFY(!(m_model->flags(m_model->index(0, EventTypesModel::Share)) & Qt::ItemIsEditable));
    }

    void weightEditUpdatesEveryShareAndUndoRestores() {
        QSignalSpy dataChanged(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(m_model->setData(m_model->index(0, EventTypesModel::Weight), 1.5));
        QCOMPARE(m_document->config().eventTypes[0].weight, 1.5);
        QCOMPARE(cell(0, EventTypesModel::Share), QStringLiteral("75%"));
        QCOMPARE(cell(1, EventTypesModel::Share), QStringLiteral("15%"));
        QCOMPARE(cell(2, EventTypesModel::Share), QStringLiteral("10%"));
        QCOMPARE(cell(2, EventTypesModel::TargetRate), QStringLiteral("100/s"));
        const bool sharesAnnounced =
            std::any_of(dataChanged.begin(), dataChanged.end(), [&](const QList<QVariant>& args) {
                const auto topLeft = args[0].value<QModelIndex>();
                const auto bottomRight = args[1].value<QModelIndex>();
                return topLeft.row() == 0 && bottomRight.row() == 2 &&
                       topLeft.column() <= EventTypesModel::Share &&
                       bottomRight.column() >= EventTypesModel::TargetRate &&
                       args[2].value<QList<int>>().contains(Qt::DisplayRole);
            });
        QVERIFY(sharesAnnounced);

        m_document->undoStack()->undo();
        QCOMPARE(m_document->config().eventTypes[0].weight, 0.5);
        QCOMPARE(cell(0, EventTypesModel::Share), QStringLiteral("50%"));
        QCOMPARE(cell(1, EventTypesModel::Share), QStringLiteral("30%"));
    }

    void invalidWeightTextIsRejected() {
        QVERIFY(!m_model->setData(m_model->index(0, EventTypesModel::Weight), -1.0));
        QVERIFY(!m_model->setData(m_model->index(0, EventTypesModel::Weight), QStringLiteral("x")));
        QVERIFY(!m_model->setData(m_model->index(0, EventTypesModel::Weight), QVariant()));
        QCOMPARE(m_document->undoStack()->count(), 0);
    }

    void renameGoesThroughTheDocumentAndRejectsDuplicates() {
        const QModelIndex id = m_model->index(1, EventTypesModel::Id);
        QVERIFY(!m_model->setData(id, QStringLiteral("user.session.end")));
        QVERIFY(!m_model->setData(id, QStringLiteral("   ")));
        QCOMPARE(m_document->undoStack()->count(), 0);
        QVERIFY(m_model->setData(id, QStringLiteral("user.checkout")));
        QCOMPARE(m_document->config().eventTypes[1].id, std::string("user.checkout"));
        QCOMPARE(cell(1, EventTypesModel::Id), QStringLiteral("user.checkout"));
        m_document->undoStack()->undo();
        QCOMPARE(cell(1, EventTypesModel::Id), QStringLiteral("user.purchase"));
    }

    void aTakenIdIsRefusedWithTheReason() {
        QSignalSpy rejected(m_model.get(), &EventTypesModel::editRejected);
        QVERIFY(!m_model->setData(m_model->index(1, EventTypesModel::Id),
                                  QStringLiteral("user.session.end")));
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(rejected.takeFirst().at(0).toString(),
                 QStringLiteral("an event type `user.session.end` already exists"));
        QVERIFY(m_model->setData(m_model->index(1, EventTypesModel::Id),
                                 QStringLiteral("user.checkout")));
        QCOMPARE(rejected.count(), 0);
    }

    void disablingATypeMovesItsShareToTheOthers() {
        const QModelIndex enabled = m_model->index(2, EventTypesModel::Enabled);
        QVERIFY(m_model->flags(enabled) & Qt::ItemIsUserCheckable);
        QVERIFY(m_model->setData(enabled, Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!m_document->config().eventTypes[2].enabled);
        QCOMPARE(cell(2, EventTypesModel::Share), QStringLiteral("0%"));
        QCOMPARE(cell(0, EventTypesModel::Share), QStringLiteral("62.5%"));
        QVERIFY(m_model->data(enabled, Qt::ForegroundRole).isValid());
        QVERIFY(m_model->setData(enabled, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(cell(0, EventTypesModel::Share), QStringLiteral("50%"));
        m_document->undoStack()->undo();
        QVERIFY(!m_document->config().eventTypes[2].enabled);
    }

    void moveRowsReordersAndUndoRestores() {
        const QStringList original = typeIds(*m_document);
        QVERIFY(m_model->moveRows({}, 0, 1, {}, 3));
        QCOMPARE(typeIds(*m_document),
                 (QStringList{"user.purchase", "user.session.end", "user.session.start"}));
        QCOMPARE(cell(2, EventTypesModel::Id), QStringLiteral("user.session.start"));
        m_document->undoStack()->undo();
        QCOMPARE(typeIds(*m_document), original);
        QCOMPARE(cell(0, EventTypesModel::Id), QStringLiteral("user.session.start"));
    }

    void movingSeveralRowsDownKeepsTheirOrderInOneUndoStep() {
        Config config = m_document->config();
        config.eventTypes.push_back(config.eventTypes.back());
        const QStringList ids{"A", "B", "C", "D"};
        for (int i = 0; i < ids.size(); ++i) {
            config.eventTypes[static_cast<std::size_t>(i)].id = ids[i].toStdString();
        }
        m_document->reset(config);

        // Rows 0 and 1 dropped before row 3.
        QVERIFY(m_model->moveRows({}, 0, 2, {}, 3));
        QCOMPARE(typeIds(*m_document), (QStringList{"C", "A", "B", "D"}));
        QCOMPARE(m_document->undoStack()->count(), 1);
        m_document->undoStack()->undo();
        QCOMPARE(typeIds(*m_document), ids);

        // Rows 0 and 2 dropped below the last row.
        std::unique_ptr<QMimeData> data(
            m_model->mimeData({m_model->index(0, 0), m_model->index(2, 0)}));
        QVERIFY(m_model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, {}));
        QCOMPARE(typeIds(*m_document), (QStringList{"B", "D", "A", "C"}));
        QCOMPARE(m_document->undoStack()->count(), 1);
        m_document->undoStack()->undo();
        QCOMPARE(typeIds(*m_document), ids);
        QCOMPARE(cell(0, EventTypesModel::Id), QStringLiteral("A"));

        // Moving upward and moving onto itself.
        QVERIFY(m_model->moveRows({}, 2, 2, {}, 0));
        QCOMPARE(typeIds(*m_document), (QStringList{"C", "D", "A", "B"}));
        m_document->undoStack()->undo();
        QVERIFY(m_model->moveRows({}, 1, 2, {}, 2));
        QCOMPARE(typeIds(*m_document), ids);
        QCOMPARE(m_document->undoStack()->index(), 0);
    }

    void dragAndDropMovesRowsAsOneUndoStep() {
        QCOMPARE(m_model->supportedDropActions(), Qt::MoveAction);
        std::unique_ptr<QMimeData> data(m_model->mimeData(
            {m_model->index(1, EventTypesModel::Id), m_model->index(2, EventTypesModel::Weight)}));
        QVERIFY(data);
        QVERIFY(m_model->canDropMimeData(data.get(), Qt::MoveAction, 0, 0, {}));
        QVERIFY(m_model->dropMimeData(data.get(), Qt::MoveAction, 0, 0, {}));
        QCOMPARE(typeIds(*m_document),
                 (QStringList{"user.purchase", "user.session.end", "user.session.start"}));
        QCOMPARE(m_document->undoStack()->count(), 1);

        // Dropped onto a row: the moved type lands before it.
        std::unique_ptr<QMimeData> last(m_model->mimeData({m_model->index(2, 0)}));
        QVERIFY(m_model->dropMimeData(last.get(), Qt::MoveAction, -1, -1, m_model->index(1, 0)));
        QCOMPARE(typeIds(*m_document),
                 (QStringList{"user.purchase", "user.session.start", "user.session.end"}));

        m_document->undoStack()->undo();
        m_document->undoStack()->undo();
        QCOMPARE(typeIds(*m_document),
                 (QStringList{"user.session.start", "user.purchase", "user.session.end"}));
    }

    void invalidWeightIsTintedWithItsMessageAndFixingClearsIt() {
        QSignalSpy dataChanged(m_model.get(), &QAbstractItemModel::dataChanged);
        m_document->setEventTypeWeight(1, -1.0);
        const QModelIndex weight = m_model->index(1, EventTypesModel::Weight);
        const QString problem = m_model->data(weight, ProblemRole).toString();
        QVERIFY2(problem.contains(QStringLiteral("weight must be")), qPrintable(problem));
        QCOMPARE(m_model->data(weight, Qt::ToolTipRole).toString(), problem);
        QCOMPARE(m_model->data(weight, Qt::BackgroundRole).value<QColor>(), problemBackground());
        QVERIFY(m_model->data(m_model->index(1, EventTypesModel::Id), ProblemRole)
                    .toString()
                    .isEmpty());
        const bool tintAnnounced =
            std::any_of(dataChanged.begin(), dataChanged.end(), [&](const QList<QVariant>& args) {
                return args[0].value<QModelIndex>() == weight &&
                       args[2].value<QList<int>>().contains(ProblemRole) &&
                       args[2].value<QList<int>>().contains(Qt::BackgroundRole);
            });
        QVERIFY(tintAnnounced);

        QVERIFY(m_model->setData(weight, 0.3));
        QVERIFY(m_model->data(weight, ProblemRole).toString().isEmpty());
        QVERIFY(!m_model->data(weight, Qt::BackgroundRole).isValid());
    }

    void duplicateIdIsTintedOnTheIdCell() {
        m_document->setEventTypeId(2, QStringLiteral("user.purchase"));
        QVERIFY(m_model->data(m_model->index(2, EventTypesModel::Id), ProblemRole)
                    .toString()
                    .contains(QStringLiteral("duplicate")));
    }

    void targetRateIsADashInBatchModeOrUnlimitedRate() {
        Config settings = runSettingsOf(m_document->config());
        settings.totalRowsPerSecond = 0.0;
        m_document->setRunSettings(settings);
        QCOMPARE(cell(0, EventTypesModel::TargetRate), QStringLiteral("—"));
        settings.totalRowsPerSecond = 2000.0;
        m_document->setRunSettings(settings);
        QCOMPARE(cell(0, EventTypesModel::TargetRate), QStringLiteral("1,000/s"));
        settings.generationMode = GenerationMode::Batch;
        m_document->setRunSettings(settings);
        QCOMPARE(cell(0, EventTypesModel::TargetRate), QStringLiteral("—"));
    }

    void structuralEditsResetTheRows() {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_document->duplicateEventType(0);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(m_model->rowCount(), 4);
        m_document->undoStack()->undo();
        QCOMPARE(m_model->rowCount(), 3);
    }

    void everyColumnCarriesAStableDistinctTypeColour() {
        const QColor first = m_model->data(m_model->index(0, 0), TypeColorRole).value<QColor>();
        QVERIFY(first.isValid());
        QCOMPARE(m_model->data(m_model->index(0, EventTypesModel::Enabled), TypeColorRole)
                     .value<QColor>(),
                 first);
        QVERIFY(m_model->data(m_model->index(1, 0), TypeColorRole).value<QColor>() != first);
        QSet<QRgb> colours;
        for (int i = 0; i < 40; ++i) {
            colours.insert(typeColor(i).rgb());
        }
        QCOMPARE(colours.size(), 40);
        QCOMPARE(typeColor(7), typeColor(7));
    }
};

QTEST_MAIN(EventTypesModelTests)
#include "models_test_event_types.moc"
