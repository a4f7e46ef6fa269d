#include "field_histogram.h"

#include "engine/field_sample.h"
#include "engine/plan.h"
#include "ui/document.h"
#include "ui/models/roles.h"
#include "ui/models/value_format.h"

#include <QFutureWatcher>
#include <QLabel>
#include <QTimeZone>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <qcustomplot.h>

namespace streamgen::ui {

struct FieldHistogram::Result {
    FieldRef ref;
    FieldSpec field; ///< as it was when the sample was requested
    FieldSample sample;
    std::vector<double> expected;
    QString typeId; ///< of `ref.type`; empty for a common field
    QString error;  ///< set when the plan could not be compiled
};

namespace {

/// Category labels longer than this are cut, so that the bars keep most of the width.
constexpr int kMaxLabelChars = 18;
constexpr double kHeadroom = 1.12;
/// Common fields belong to no type, hence to none of the types' colours.
const QColor kCommonColor(0x5b, 0x7d, 0x9a);

QString elided(const QString& text) {
    return text.size() <= kMaxLabelChars ? text : text.left(kMaxLabelChars - 1) + QChar(0x2026);
}

/// Axis keys are seconds for timestamps and dates, the unit of the date-time ticker.
double keyScale(ValueType type) {
    switch (type) {
    case ValueType::Timestamp:
        return 0.001;
    case ValueType::Date:
        return 86400.0;
    default:
        return 1.0;
    }
}

/// A date-time format that tells the ticks of a span of `seconds` apart.
QString timeFormat(double seconds) {
    if (seconds > 3 * 86400.0) {
        return QStringLiteral("yyyy-MM-dd");
    }
    if (seconds > 86400.0) {
        return QStringLiteral("MM-dd\nhh:mm");
    }
    return seconds > 10.0 ? QStringLiteral("hh:mm:ss") : QStringLiteral("hh:mm:ss.zzz");
}

/// UUIDs and other unique values: a bar of one event per value would say nothing.
bool everyValueDiffers(const FieldSample& sample) {
    return sample.kind == FieldSample::Kind::Categorical && sample.distinct > kFieldSampleTop &&
           sample.distinct == sample.events - sample.nulls;
}

QString captionOf(const FieldSpec& field, const FieldSample& sample, const QString& typeId,
                  bool expected) {
    const QString events = formatInteger(static_cast<int64_t>(sample.events));
    const double nullShare =
        sample.events == 0 ? 0.0 : static_cast<double>(sample.nulls) / sample.events;
    QString text =
        typeId.isEmpty()
            ? QObject::tr("%1 events of the mixed stream: %2 null")
                  .arg(events, formatPercent(nullShare))
            : QObject::tr("%1 events of %2: %3 null").arg(events, typeId, formatPercent(nullShare));
    if (everyValueDiffers(sample)) {
        text += QObject::tr(" · every value differs");
    } else if (sample.distinct > sample.top.size()) {
        text +=
            QObject::tr(" · %1 distinct").arg(formatInteger(static_cast<int64_t>(sample.distinct)));
    }
    if (expected) {
        const QString shape = field.distribution.empty()
                                  ? QObject::tr("uniform")
                                  : QString::fromStdString(field.distribution);
        text += QObject::tr(" · line: %1").arg(shape);
    }
    if (!field.expr.empty()) {
        text += QObject::tr(" · from its expr");
    }
    if (field.omit) {
        text += QObject::tr(" · not written (omit)");
    }
    return text;
}

} // namespace

FieldHistogram::FieldHistogram(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_caption(new QLabel(this)),
      m_plot(new QCustomPlot(this)) {
    setObjectName("fieldHistogram");
    m_caption->setObjectName("fieldHistogramCaption");
    m_caption->setWordWrap(true);
    setToolTip(tr("Bars: the field's values in %1 events, drawn as a run with the config's "
                  "seed draws them. Line: what the field's distribution promises.")
                   .arg(formatInteger(static_cast<int64_t>(kFieldSampleSize))));
    m_plot->setMinimumHeight(140);
    m_plot->setNoAntialiasingOnDrag(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTickLabelFont(small);
        axis->setLabelFont(small);
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_plot, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &FieldHistogram::start);
    connect(m_document, &Document::changed, this, [this] { m_debounce.start(); });
    showMessage(tr("Select a field to see how its values fall."));
}

FieldHistogram::~FieldHistogram() = default;

void FieldHistogram::setField(FieldRef ref) {
    if (ref != m_ref) {
        m_ref = ref;
        m_debounce.start();
    }
}

void FieldHistogram::refreshNow() {
    m_debounce.stop();
    start();
}

bool FieldHistogram::isPending() const {
    return m_debounce.isActive() || m_running;
}

QString FieldHistogram::caption() const {
    return m_caption->text();
}

void FieldHistogram::start() {
    ++m_generation;
    const FieldSpec* field = m_ref.index >= 0 ? m_document->field(m_ref) : nullptr;
    if (!field) {
        m_rerun = false;
        showMessage(tr("Select a field to see how its values fall."));
        return;
    }
    if (hasErrors(m_document->problems())) {
        m_rerun = false;
        showMessage(tr("Fix the problems to see this field's values."));
        return;
    }
    if (m_running) {
        // One sample at a time: the newest request is drawn when the running one ends.
        m_rerun = true;
        return;
    }
    m_running = true;
    const quint64 generation = m_generation;
    auto* watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        m_running = false;
        finish(generation, watcher->result());
    });
    watcher->setFuture(
        QtConcurrent::run([config = m_document->config(), ref = m_ref, spec = *field] {
            Result result;
            result.ref = ref;
            result.field = spec;
            std::string error;
            const auto plan = Plan::compile(configForSampling(config, ref.type, spec.name), &error);
            if (!plan) {
                result.error = QString::fromStdString(error);
                return result;
            }
            result.sample = sampleField(*plan, ref.type, spec.name);
            if (result.sample.kind == FieldSample::Kind::Numeric) {
                result.expected = expectedShares(spec, result.sample.edges);
            }
            if (!ref.isCommon()) {
                result.typeId = QString::fromStdString(plan->typeId(ref.type));
            }
            return result;
        }));
}

void FieldHistogram::finish(quint64 generation, const Result& result) {
    if (m_rerun) {
        m_rerun = false;
        start();
        return;
    }
    // A newer request supersedes this one, or is about to (the pause after an edit is running).
    if (generation != m_generation || m_debounce.isActive()) {
        return;
    }
    showResult(result);
}

void FieldHistogram::showResult(const Result& result, bool announce) {
    const FieldSample& sample = result.sample;
    if (!result.error.isEmpty()) {
        showMessage(result.error);
        return;
    }
    if (sample.kind == FieldSample::Kind::Missing) {
        showMessage(result.ref.isCommon()
                        ? tr("Add an event type to see the values of this common field.")
                        : tr("This event type does not write the field."));
        return;
    }
    clearPlot();
    const QColor color = result.ref.isCommon() ? kCommonColor : typeColor(result.ref.type);
    if (sample.kind == FieldSample::Kind::Numeric) {
        m_categories.reset();
        showNumeric(sample, result.expected);
    } else {
        m_categories = std::make_unique<Result>(result);
        showCategories(sample);
    }
    if (m_plot->plottableCount() > 0) {
        // The bars come first, in the colour the type has in every list and plot.
        m_plot->plottable(0)->setPen(QPen(color.darker(130)));
        m_plot->plottable(0)->setBrush(color);
    }
    m_caption->setText(captionOf(result.field, sample, result.typeId, !m_expected.isEmpty()));
    m_plot->replot();
    if (announce) {
        emit shown();
    }
}

void FieldHistogram::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (m_categories && rowsThatFit() != m_rows) {
        const Result again = *m_categories; // showResult replaces m_categories
        showResult(again, false);
    }
}

int FieldHistogram::rowsThatFit() const {
    constexpr int kAxisRoom = 45; // the count axis, its labels and the margins
    const int rowHeight = QFontMetrics(m_plot->yAxis->tickLabelFont()).height() + 3;
    return std::clamp((m_plot->height() - kAxisRoom) / rowHeight, 3,
                      static_cast<int>(kFieldSampleTop) + 1);
}

void FieldHistogram::showNumeric(const FieldSample& sample, const std::vector<double>& expected) {
    const double scale = keyScale(sample.valueType);
    const double width = sample.edges[1] - sample.edges[0];
    // A bin that holds one value of a grid stands on that value; a wider one on its middle.
    const bool perValue = sample.grid > 0.0 && width <= sample.grid * (1.0 + 1e-9);
    const double offset = perValue ? 0.0 : width / 2.0;
    const auto present = static_cast<double>(sample.events - sample.nulls);
    QVector<double> keys;
    QVector<double> heights;
    QVector<double> curve;
    for (std::size_t i = 0; i < sample.counts.size(); ++i) {
        keys << (sample.edges[i] + offset) * scale;
        heights << static_cast<double>(sample.counts[i]);
        m_counts << heights.back();
        m_edges << sample.edges[i];
        if (i < expected.size()) {
            curve << expected[i] * present;
            m_expected << curve.back();
        }
    }
    m_edges << sample.edges.back();

    auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    bars->setWidth(width * scale * (perValue ? 0.8 : 1.0));
    bars->setData(keys, heights, true);
    if (!curve.isEmpty()) {
        QCPGraph* line = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
        line->setPen(QPen(QColor(0x22, 0x22, 0x22), 1.6));
        line->setData(keys, curve, true);
    }
    const double lo = perValue ? sample.edges.front() - width / 2.0 : sample.edges.front();
    const double hi =
        perValue ? sample.edges[sample.counts.size() - 1] + width / 2.0 : sample.edges.back();
    m_plot->xAxis->setRange(lo * scale, hi * scale);
    const double top =
        std::max(*std::max_element(heights.begin(), heights.end()),
                 curve.isEmpty() ? 0.0 : *std::max_element(curve.begin(), curve.end()));
    m_plot->yAxis->setRange(0.0, std::max(1.0, top * kHeadroom));
    m_plot->yAxis->setLabel(tr("events"));
    if (scale != 1.0) {
        auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
        ticker->setTimeZone(QTimeZone::utc());
        ticker->setDateTimeFormat(sample.valueType == ValueType::Date
                                      ? QStringLiteral("yyyy-MM-dd")
                                      : timeFormat((hi - lo) * scale));
        m_plot->xAxis->setTicker(ticker);
    }
}

void FieldHistogram::showCategories(const FieldSample& sample) {
    m_rows = rowsThatFit();
    if (everyValueDiffers(sample)) {
        return;
    }
    // The values that fit are named; the rest are summed into "other".
    const bool fold = sample.top.size() + (sample.other > 0 ? 1 : 0) > std::size_t(m_rows);
    const std::size_t named = fold ? std::size_t(m_rows - 1) : sample.top.size();
    uint64_t other = sample.other;
    for (std::size_t i = 0; i < sample.top.size(); ++i) {
        if (i < named) {
            m_labels << QString::fromStdString(sample.top[i].first);
            m_counts << static_cast<double>(sample.top[i].second);
        } else {
            other += sample.top[i].second;
        }
    }
    if (other > 0) {
        const auto rest = static_cast<int64_t>(sample.distinct - named);
        m_labels << tr("other (%1 values)").arg(formatInteger(rest));
        m_counts << static_cast<double>(other);
    }
    if (m_counts.isEmpty()) {
        return;
    }
    // Horizontal bars, the most frequent on top, so that the values read as a list.
    const auto rows = static_cast<double>(m_counts.size());
    QVector<double> keys;
    QVector<QString> labels;
    for (int i = 0; i < m_counts.size(); ++i) {
        keys << rows - i;
        labels << elided(m_labels[i]);
    }
    auto* bars = new QCPBars(m_plot->yAxis, m_plot->xAxis);
    bars->setWidth(0.7);
    bars->setData(keys, m_counts);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->setTicks(keys, labels);
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setRange(0.4, rows + 0.6);
    m_plot->xAxis->setRange(0.0, *std::max_element(m_counts.begin(), m_counts.end()) * kHeadroom);
    m_plot->xAxis->setLabel(tr("events"));
}

void FieldHistogram::showMessage(const QString& message) {
    m_categories.reset();
    clearPlot();
    m_caption->setText(message);
    m_plot->replot();
    emit shown();
}

void FieldHistogram::clearPlot() {
    m_counts.clear();
    m_labels.clear();
    m_edges.clear();
    m_expected.clear();
    m_plot->clearPlottables();
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        axis->setNumberFormat(QStringLiteral("gb"));
        axis->setLabel(QString());
        axis->setRange(0.0, 1.0);
    }
}

} // namespace streamgen::ui
