#include "throughput_plot.h"

#include "run_controller.h"
#include "ui/models/roles.h"

#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>
#include <qcustomplot.h>

namespace streamgen::ui {

namespace {

constexpr int kRefreshMs = 100;

QPen linePen(const QColor& color, bool target) {
    QPen pen(target ? color.lighter(120) : color);
    pen.setWidthF(target ? 1.2 : 2.0);
    pen.setStyle(target ? Qt::DashLine : Qt::SolidLine);
    return pen;
}

} // namespace

ThroughputPlot::ThroughputPlot(RunController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumHeight(220);

    m_plot->xAxis->setLabel(tr("running time (s)"));
    m_plot->yAxis->setLabel(tr("events/s"));
    m_plot->yAxis->setNumberFormat("gb");
    m_plot->legend->setVisible(true);
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    m_plot->legend->setFont(legendFont);
    // The legend goes in a row of its own under the axes, so it never hides a line.
    m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(4);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &ThroughputPlot::showValuesAt);

    m_refreshTimer.setInterval(kRefreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ThroughputPlot::refresh);
    m_refreshTimer.start();
    connect(controller, &RunController::sampled, this, [this] { m_dirty = true; });
    connect(controller, &RunController::stateChanged, this, [this](RunController::State state) {
        if (state == RunController::State::Running && m_controller->samples().empty()) {
            rebuild(); // a new run: new types
        }
        m_dirty = true;
    });
    rebuild();
}

void ThroughputPlot::setWindowSeconds(int seconds) {
    m_windowSeconds = std::clamp(seconds, 10, 600);
    m_dirty = true;
    refresh();
}

int ThroughputPlot::typeLineCount() const {
    return static_cast<int>(m_lines.size());
}

bool ThroughputPlot::savePng(const QString& path) {
    fillData();
    return m_plot->savePng(path, std::max(800, m_plot->width()), std::max(400, m_plot->height()));
}

bool ThroughputPlot::savePdf(const QString& path) {
    fillData();
    return m_plot->savePdf(path, std::max(800, m_plot->width()), std::max(400, m_plot->height()));
}

void ThroughputPlot::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    m_dirty = true;
    refresh();
}

void ThroughputPlot::rebuild() {
    m_plot->clearGraphs();
    m_lines.clear();
    const QStringList ids = m_controller->typeIds();
    const int types = static_cast<int>(ids.size());
    const int lines = types > kMaxLines ? kTopLines + 1 : types;
    for (int i = 0; i < lines; ++i) {
        Line line;
        const bool other = types > kMaxLines && i == kTopLines;
        const QColor color = other ? QColor(Qt::gray) : typeColor(i);
        line.graph = m_plot->graphCount();
        m_plot->addGraph()->setPen(linePen(color, false));
        line.targetGraph = m_plot->graphCount();
        m_plot->addGraph()->setPen(linePen(color, true));
        m_plot->graph(line.targetGraph)->removeFromLegend();
        m_lines.push_back(line);
    }
    m_totalGraph = m_plot->graphCount();
    m_plot->addGraph()->setPen(linePen(palette().color(QPalette::WindowText), false));
    m_plot->graph(m_totalGraph)->setName(tr("total"));
    m_totalTargetGraph = m_plot->graphCount();
    m_plot->addGraph()->setPen(linePen(palette().color(QPalette::WindowText), true));
    m_plot->graph(m_totalTargetGraph)->setName(tr("target (dashed)"));
    m_dirty = true;
}

std::vector<int> ThroughputPlot::linesByRate() const {
    const auto& samples = m_controller->samples();
    const int types = static_cast<int>(m_controller->typeIds().size());
    std::vector<int> order(static_cast<std::size_t>(types));
    std::iota(order.begin(), order.end(), 0);
    if (types <= kMaxLines || samples.empty()) {
        return order;
    }
    const auto& rates = samples.back().rates;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return rates[static_cast<std::size_t>(a)] > rates[static_cast<std::size_t>(b)];
    });
    return order;
}

void ThroughputPlot::fillData() {
    const auto& samples = m_controller->samples();
    const QStringList ids = m_controller->typeIds();
    if (static_cast<int>(ids.size()) > 0 &&
        (m_lines.empty() ||
         (ids.size() <= kMaxLines && m_lines.size() != std::size_t(ids.size())))) {
        rebuild();
    }
    // Which types each line shows: fixed when they all fit, else the current top 10 + other.
    const std::vector<int> order = linesByRate();
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        Line& line = m_lines[i];
        const bool other = ids.size() > kMaxLines && i == std::size_t(kTopLines);
        line.types = other ? std::vector<int>(order.begin() + kTopLines, order.end())
                           : std::vector<int>{order[i]};
        m_plot->graph(line.graph)
            ->setName(other ? tr("other (%1 types)").arg(line.types.size())
                            : ids[line.types.front()]);
        if (!other && ids.size() > kMaxLines) {
            m_plot->graph(line.graph)->setPen(linePen(typeColor(line.types.front()), false));
            m_plot->graph(line.targetGraph)->setPen(linePen(typeColor(line.types.front()), true));
        }
    }

    const double now = samples.empty() ? 0.0 : samples.back().time;
    const double from = now - m_windowSeconds;
    const auto first = std::lower_bound(samples.begin(), samples.end(), from,
                                        [](const RunSample& s, double t) { return s.time < t; });
    const int count = static_cast<int>(samples.end() - first);
    QVector<double> keys(count);
    std::vector<QVector<double>> values(m_lines.size(), QVector<double>(count));
    std::vector<QVector<double>> targets(m_lines.size(), QVector<double>(count));
    QVector<double> total(count), totalTarget(count);
    double maxValue = 0.0;
    for (int k = 0; k < count; ++k) {
        const RunSample& sample = *(first + k);
        keys[k] = sample.time;
        for (std::size_t i = 0; i < m_lines.size(); ++i) {
            double value = 0.0, target = 0.0;
            for (int type : m_lines[i].types) {
                value += sample.rates[static_cast<std::size_t>(type)];
                target += sample.targets[static_cast<std::size_t>(type)];
            }
            values[i][k] = value;
            targets[i][k] = target;
        }
        total[k] = sample.totalRate;
        totalTarget[k] = sample.totalTarget;
        maxValue = std::max({maxValue, sample.totalRate, sample.totalTarget});
    }
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        m_plot->graph(m_lines[i].graph)->setData(keys, values[i], true);
        m_plot->graph(m_lines[i].targetGraph)->setData(keys, targets[i], true);
    }
    m_plot->graph(m_totalGraph)->setData(keys, total, true);
    m_plot->graph(m_totalTargetGraph)->setData(keys, totalTarget, true);
    // The window moves with the run; a run shorter than the window fills the width it has.
    m_plot->xAxis->setRange(std::max(0.0, from), std::max(now, 5.0));
    // Headroom above the highest value; never a zero-height axis.
    m_plot->yAxis->setRange(0.0, std::max(10.0, maxValue * 1.15));
}

void ThroughputPlot::refresh() {
    if (!m_dirty || !isVisible() || window()->isMinimized()) {
        return;
    }
    m_dirty = false;
    fillData();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    ++m_replots;
}

void ThroughputPlot::showValuesAt(QMouseEvent* event) {
    const auto& samples = m_controller->samples();
    if (samples.empty()) {
        return;
    }
    const double time = m_plot->xAxis->pixelToCoord(event->position().x());
    const auto it = std::lower_bound(samples.begin(), samples.end(), time,
                                     [](const RunSample& s, double t) { return s.time < t; });
    const RunSample& sample = it == samples.end() ? samples.back() : *it;
    QString text = tr("<b>%1 s</b>").arg(sample.time, 0, 'f', 1);
    for (const Line& line : m_lines) {
        double value = 0.0, target = 0.0;
        for (int type : line.types) {
            value += sample.rates[static_cast<std::size_t>(type)];
            target += sample.targets[static_cast<std::size_t>(type)];
        }
        text += tr("<br>%1: %2/s (target %3)")
                    .arg(m_plot->graph(line.graph)->name().toHtmlEscaped())
                    .arg(value, 0, 'f', 0)
                    .arg(target, 0, 'f', 0);
    }
    text += tr("<br><b>total: %1/s</b>").arg(sample.totalRate, 0, 'f', 0);
    QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

} // namespace streamgen::ui
