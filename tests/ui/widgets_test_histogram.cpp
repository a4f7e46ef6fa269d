// The field values pane under the field inspector: the selected field's histogram (or its most
// frequent values) over 10,000 events of its type, following selections and document edits.
#include "engine/field_sample.h"
#include "ui/document.h"
#include "ui/widgets/field_histogram.h"
#include "ui/widgets/fields_panel.h"
#include "ui/widgets/main_window.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>
#include <algorithm>
#include <cmath>
#include <numeric>

using namespace streamgen;
using namespace streamgen::ui;

namespace {

constexpr int kSettleMs = 20000;
constexpr FieldRef kTemperature{0, 0};
constexpr FieldRef kStatus{0, 1};
constexpr FieldRef kBattery{0, 2};
constexpr FieldRef kBaseLoad{0, 3};
constexpr FieldRef kLoad{0, 4};
constexpr FieldRef kReadAt{0, 5};
constexpr FieldRef kDevice{0, 6};

double sum(const QList<double>& values) {
    return std::accumulate(values.begin(), values.end(), 0.0);
}

/// The lower edge of the fullest bin.
double modeOf(const FieldHistogram* histogram) {
    const QList<double>& counts = histogram->shownCounts();
    const auto fullest = std::max_element(counts.begin(), counts.end()) - counts.begin();
    return histogram->shownEdges().at(fullest);
}

} // namespace

class HistogramTests : public QObject {
    Q_OBJECT

private:
    MainWindow* m_window = nullptr;

    FieldHistogram* histogram() { return m_window->fieldHistogram(); }

    /// Waits for the histogram to show what its newest request asked for.
    bool settle() {
        QSignalSpy shown(histogram(), &FieldHistogram::shown);
        while (histogram()->isPending()) {
            if (!shown.wait(kSettleMs)) {
                return false;
            }
        }
        return true;
    }

    void select(FieldRef ref) {
        m_window->fieldsPanel()->selectField(ref);
        QCOMPARE(histogram()->field(), ref);
        QVERIFY(settle());
    }

    void open(const QString& path) {
        QString error;
        QVERIFY2(m_window->openFile(path, &error), qPrintable(error));
        QVERIFY(settle());
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init() {
        m_window = new MainWindow(MainWindow::SettingsMode::Ignore);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        open(STREAMGEN_SOURCE_DIR "/tests/ui/data/sensor-values.yaml");
    }

    void cleanup() {
        m_window->document()->undoStack()->setClean();
        delete m_window;
    }

    void firstNumericFieldShowsBarsThatSumToTheSampleSize() {
        QCOMPARE(histogram()->objectName(), QStringLiteral("fieldHistogram"));
        QCOMPARE(histogram()->field(), kTemperature);
        const QList<double>& counts = histogram()->shownCounts();
        QVERIFY(counts.size() > 10 && counts.size() <= int(kFieldSampleBins));
        QCOMPARE(sum(counts), double(kFieldSampleSize));
        QCOMPARE(histogram()->shownEdges().size(), counts.size() + 1);
        QVERIFY(histogram()->shownLabels().isEmpty());
        QCOMPARE(histogram()->shownExpected().size(), counts.size());
        QVERIFY(qAbs(sum(histogram()->shownExpected()) - kFieldSampleSize) < 100);
        QVERIFY(qAbs(modeOf(histogram()) - 21.0) < 4.0);
        const QString caption = histogram()->caption();
        QVERIFY2(caption.startsWith("10,000 events of sensor.reading: 0% null"),
                 qPrintable(caption));
        QVERIFY2(caption.contains("normal(21, 6)"), qPrintable(caption));
    }

    void nullsAreLeftOutOfTheBarsAndCounted() {
        select(kBattery);
        const double present = sum(histogram()->shownCounts());
        QVERIFY(present < kFieldSampleSize && present > 0.9 * kFieldSampleSize);
        QVERIFY2(histogram()->caption().contains("% null"), qPrintable(histogram()->caption()));
        QVERIFY(!histogram()->caption().contains(": 0% null"));
        // Whole numbers are binned by whole steps.
        const double width = histogram()->shownEdges().at(1) - histogram()->shownEdges().at(0);
        QCOMPARE(width, std::round(width));
    }

    void distributionEditThroughTheDocumentRedrawsAndUndoRestores() {
        const QList<double> before = histogram()->shownCounts();
        Document* document = m_window->document();
        FieldSpec spec = *document->field(kTemperature);
        spec.distribution = "normal(35, 2)";
        document->setField(kTemperature, spec, "distribution");
        QVERIFY(settle());
        QVERIFY(qAbs(modeOf(histogram()) - 35.0) < 2.0);
        QCOMPARE(sum(histogram()->shownCounts()), double(kFieldSampleSize));
        QVERIFY(histogram()->caption().contains("normal(35, 2)"));

        spec.distribution.clear();
        document->setField(kTemperature, spec, "other");
        QVERIFY(settle());
        QVERIFY(histogram()->caption().contains("line: uniform"));

        document->undoStack()->undo();
        document->undoStack()->undo();
        QVERIFY(settle());
        QCOMPARE(histogram()->shownCounts(), before);
    }

    void stringFieldShowsItsValuesMostFrequentFirst() {
        select(kStatus);
        QCOMPARE(histogram()->shownLabels(), QStringList({"ok", "warning", "fault", "offline"}));
        const QList<double>& counts = histogram()->shownCounts();
        QCOMPARE(sum(counts), double(kFieldSampleSize));
        QVERIFY(qAbs(counts.at(0) / kFieldSampleSize - 0.8) < 0.02);
        QVERIFY(histogram()->shownEdges().isEmpty());
        QVERIFY(histogram()->shownExpected().isEmpty());
    }

    void valuesBeyondTheRowsThatFitAreSummedIntoOther() {
        select(kDevice);
        QVERIFY2(histogram()->caption().contains("1,000 distinct"),
                 qPrintable(histogram()->caption()));
        QVERIFY(histogram()->shownLabels().size() >= 3);
        QVERIFY(histogram()->shownLabels().last().startsWith("other ("));
        QCOMPARE(sum(histogram()->shownCounts()), double(kFieldSampleSize));

        histogram()->resize(histogram()->width(), 600);
        QCOMPARE(histogram()->shownLabels().size(), int(kFieldSampleTop) + 1);
        QCOMPARE(histogram()->shownLabels().last(), QStringLiteral("other (985 values)"));
        QCOMPARE(sum(histogram()->shownCounts()), double(kFieldSampleSize));
        histogram()->resize(histogram()->width(), 150);
        QVERIFY(histogram()->shownLabels().size() < int(kFieldSampleTop) + 1);
    }

    void derivedAndOmittedFieldsShowTheirValuesAndSaySo() {
        select(kLoad);
        QCOMPARE(sum(histogram()->shownCounts()), double(kFieldSampleSize));
        QVERIFY(histogram()->shownExpected().isEmpty());
        QVERIFY(histogram()->shownEdges().front() >= 2.0);
        QVERIFY(histogram()->shownEdges().back() <= 27.0);
        QVERIFY2(histogram()->caption().contains("from its expr"),
                 qPrintable(histogram()->caption()));

        select(kBaseLoad);
        QCOMPARE(sum(histogram()->shownCounts()), double(kFieldSampleSize));
        QVERIFY(!histogram()->shownExpected().isEmpty());
        QVERIFY2(histogram()->caption().contains("not written (omit)"),
                 qPrintable(histogram()->caption()));
        // Exponential: the first bin is the fullest.
        QCOMPARE(modeOf(histogram()), histogram()->shownEdges().front());
    }

    void timestampsAreBinnedOverTheirRange() {
        select(kReadAt);
        QCOMPARE(sum(histogram()->shownCounts()), double(kFieldSampleSize));
        QVERIFY(histogram()->shownEdges().front() >= 1714521600000.0); // 2024-05-01
        QVERIFY(histogram()->shownEdges().back() <= 1717200000000.0 + 86400000.0);
    }

    void theOtherTypesFieldsAreDrawnFromItsOwnEvents() {
        m_window->fieldsPanel()->setEventType(1);
        select(FieldRef{1, 0});
        QVERIFY2(histogram()->caption().startsWith("10,000 events of sensor.alarm"),
                 qPrintable(histogram()->caption()));
        QCOMPARE(histogram()->shownCounts().size(), 20);
        QCOMPARE(histogram()->shownEdges().front(), 100.0);
    }

    void commonFieldIsDrawnFromTheMixedStream() {
        open(STREAMGEN_SOURCE_DIR "/resources/examples/quickstart.yaml");
        select(FieldRef{-1, 0});
        QVERIFY2(histogram()->caption().startsWith("10,000 events of the mixed stream"),
                 qPrintable(histogram()->caption()));
        QCOMPARE(sum(histogram()->shownCounts()), double(kFieldSampleSize));
    }

    void uuidsSayThatEveryValueDiffers() {
        open(STREAMGEN_SOURCE_DIR "/resources/examples/quickstart.yaml");
        select(FieldRef{0, 0});
        QVERIFY2(histogram()->caption().contains("every value differs"),
                 qPrintable(histogram()->caption()));
        QVERIFY(histogram()->shownCounts().isEmpty());
    }

    void onlyTheNewestSelectionIsShown() {
        QSignalSpy shown(histogram(), &FieldHistogram::shown);
        for (const FieldRef ref : {kStatus, kBattery, kLoad, kStatus, kReadAt, kStatus}) {
            m_window->fieldsPanel()->selectField(ref);
            histogram()->refreshNow();
        }
        QVERIFY(settle());
        QCOMPARE(histogram()->shownLabels().first(), QStringLiteral("ok"));
        // Requests made while a sample was drawn were folded into one.
        QCOMPARE(shown.size(), 1);
    }

    void problemsAndNoSelectionAreExplained() {
        Document* document = m_window->document();
        FieldSpec spec = *document->field(kTemperature);
        spec.floatMin = 50.0; // above the maximum
        document->setField(kTemperature, spec, "range");
        QVERIFY(settle());
        QVERIFY2(histogram()->caption().contains("Fix the problems"),
                 qPrintable(histogram()->caption()));
        QVERIFY(histogram()->shownCounts().isEmpty());

        document->undoStack()->undo();
        QVERIFY(settle());
        QCOMPARE(sum(histogram()->shownCounts()), double(kFieldSampleSize));

        histogram()->setField(FieldRef{0, -1});
        QVERIFY(settle());
        QVERIFY(histogram()->shownCounts().isEmpty());
        QVERIFY(histogram()->caption().startsWith("Select a field"));
    }
};

QTEST_MAIN(HistogramTests)
#include "widgets_test_histogram.moc"
