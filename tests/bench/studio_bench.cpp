// Measures what the Studio promises, as figures to read rather than pass/fail tests:
//   studio_bench startup            process start -> first paint of the main window
//   studio_bench preview            weight edit -> preview rows, 100 event types x 20 fields
//   studio_bench dashboard [SECONDS] a full-speed run with the dashboard visible: GUI timer
//                                    lateness, plot refresh rate, RSS, throughput vs a bare run,
//                                    and how well a 50,000 events/s target is held
// Run it under a display (xvfb-run -a studio_bench ...).
#include "model/config_io.h"
#include "sinks/null_sink.h"
#include "ui/document.h"
#include "ui/models/preview_service.h"
#include "ui/run/run_controller.h"
#include "ui/run/run_panel.h"
#include "ui/run/throughput_plot.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/preview_panel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

using namespace streamgen;
using namespace streamgen::ui;
using Clock = std::chrono::steady_clock;

namespace {

const Clock::time_point g_processStart = Clock::now();

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

long residentKib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stol(line.substr(6));
        }
    }
    return 0;
}

void spin(int ms) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    }
}

Config loadExample(const char* name) {
    return loadConfigFile(std::string(STREAMGEN_SOURCE_DIR "/resources/examples/") + name).config;
}

/// Catches the first paint of a widget.
class FirstPaint : public QObject {
public:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && m_ms < 0) {
            m_ms = msSince(g_processStart);
        }
        return QObject::eventFilter(watched, event);
    }
    double m_ms = -1.0;
};

int startup() {
    MainWindow window(MainWindow::SettingsMode::Ignore);
    QString error;
    window.openFile(STREAMGEN_SOURCE_DIR "/resources/examples/streamgen-features.yaml", &error);
    FirstPaint probe;
    window.installEventFilter(&probe);
    window.show();
    while (probe.m_ms < 0 && msSince(g_processStart) < 10000) {
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    std::printf("cold start to first paint: %.0f ms (from process start; config opened)\n",
                probe.m_ms);
    return 0;
}

Config largeConfig(int types, int fields) {
    Config config = loadExample("streamgen-features.yaml");
    const std::vector<FieldSpec> pool = config.eventTypes[0].fields;
    std::vector<EventType> generated;
    for (int t = 0; t < types; ++t) {
        EventType type;
        type.id = "type." + std::to_string(t);
        type.weight = 1.0 + t % 7;
        for (int f = 0; f < fields; ++f) {
            FieldSpec field = pool[static_cast<std::size_t>(f) % pool.size()];
            field.name = "field_" + std::to_string(f);
            type.fields.push_back(field);
        }
        generated.push_back(type);
    }
    config.eventTypes = generated;
    return config;
}

int preview() {
    Document document;
    document.reset(largeConfig(100, 20));
    PreviewService service(&document);
    QEventLoop loop;
    Clock::time_point edited;
    std::vector<double> latencies;
    QObject::connect(&service, &PreviewService::previewReady, [&] {
        latencies.push_back(msSince(edited));
        loop.quit();
    });
    for (int i = 0; i < 30; ++i) {
        edited = Clock::now();
        document.setEventTypeWeight(i % 100, 2.0 + i);
        loop.exec();
    }
    std::sort(latencies.begin(), latencies.end());
    double sum = 0.0;
    for (double l : latencies) {
        sum += l;
    }
    std::printf("preview refresh after an edit, 100 types x 20 fields, %zu edits: "
                "mean %.1f ms, median %.1f ms, max %.1f ms (debounce %d ms included)\n",
                latencies.size(), sum / double(latencies.size()), latencies[latencies.size() / 2],
                latencies.back(), PreviewService::kDebounceMs);
    return 0;
}

/// Events/s of a bare run (no GUI) with the same threads the Studio uses.
double bareRate(const Config& config, int threads, double seconds) {
    std::string error;
    auto plan = Plan::compile(config, &error);
    RunOptions options;
    options.threads = threads;
    options.durationSeconds = seconds;
    Run run(plan, std::make_unique<NullSink>(), options);
    run.start();
    run.wait();
    const RunSummary summary = run.summary();
    return double(summary.metrics.total.generated) / summary.metrics.elapsedSeconds;
}

/// Runs the dashboard for `seconds` and reports the GUI's responsiveness meanwhile.
struct DashboardFigures {
    double p99LatenessMs = 0, maxLatenessMs = 0, replotsPerSecond = 0, eventsPerSecond = 0;
    long rssStartKib = 0, rssEndKib = 0, rssPeakKib = 0;
    std::vector<uint64_t> perSecond;
};

DashboardFigures runDashboard(MainWindow& window, double rate, double seconds) {
    Config config = window.document()->config();
    config.totalRowsPerSecond = rate;
    window.document()->setRunSettings(config);
    RunController* controller = window.runController();
    DashboardFigures figures;
    std::vector<double> lateness;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    Clock::time_point expected = Clock::now() + std::chrono::milliseconds(10);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const auto now = Clock::now();
        lateness.push_back(std::max(0.0, std::chrono::duration<double, std::milli>(now - expected).count()));
        expected = now + std::chrono::milliseconds(10);
    });
    QString error;
    if (!controller->start({std::nullopt, seconds}, &error)) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(error));
        std::exit(1);
    }
    const int replotsBefore = window.runPanel()->plot()->replotCount();
    probe.start();
    figures.rssStartKib = residentKib();
    QEventLoop loop;
    QObject::connect(controller, &RunController::finished, &loop, &QEventLoop::quit);
    QTimer rss;
    QObject::connect(&rss, &QTimer::timeout,
                     [&] { figures.rssPeakKib = std::max(figures.rssPeakKib, residentKib()); });
    rss.start(1000);
    loop.exec();
    probe.stop();
    figures.rssEndKib = residentKib();
    std::sort(lateness.begin(), lateness.end());
    figures.p99LatenessMs = lateness[lateness.size() * 99 / 100];
    figures.maxLatenessMs = lateness.back();
    const RunSummary& summary = *controller->summary();
    figures.replotsPerSecond =
        (window.runPanel()->plot()->replotCount() - replotsBefore) / summary.metrics.elapsedSeconds;
    figures.eventsPerSecond = double(summary.metrics.total.generated) / summary.metrics.elapsedSeconds;
    figures.perSecond = controller->seconds().totals();
    return figures;
}

int dashboard(double seconds) {
    MainWindow window(MainWindow::SettingsMode::Ignore);
    Config config = loadExample("quickstart.yaml");
    config.sink = SinkConfig{};
    config.sink.type = "null";
    window.document()->reset(config);
    window.resize(1440, 900);
    window.show();
    window.showRunDashboard();
    spin(300);

    const int threads = std::max(1, int(std::thread::hardware_concurrency()) - 1);
    const double bare = bareRate(config, threads, std::min(seconds, 5.0));
    const DashboardFigures full = runDashboard(window, 0.0, seconds);
    std::printf("full speed, dashboard visible, %d worker thread(s), %.0f s:\n", threads, seconds);
    std::printf("  GUI 10 ms timer lateness: p99 %.1f ms, max %.1f ms\n", full.p99LatenessMs,
                full.maxLatenessMs);
    std::printf("  plot refreshes: %.1f per second\n", full.replotsPerSecond);
    std::printf("  throughput: %.0f events/s = %.1f%% of a bare run with the same threads "
                "(%.0f events/s)\n",
                full.eventsPerSecond, 100.0 * full.eventsPerSecond / bare, bare);
    std::printf("  RSS: %ld KiB at start, %ld KiB peak, %ld KiB at the end\n", full.rssStartKib,
                full.rssPeakKib, full.rssEndKib);

    const DashboardFigures paced = runDashboard(window, 50000.0, std::min(seconds, 20.0));
    double worst = 0.0;
    for (std::size_t i = 1; i + 1 < paced.perSecond.size(); ++i) {
        worst = std::max(worst, std::abs(double(paced.perSecond[i]) - 50000.0) / 50000.0);
    }
    std::printf("50,000 events/s target, dashboard visible: %.0f events/s overall, worst full "
                "second %.2f%% off; GUI p99 lateness %.1f ms\n",
                paced.eventsPerSecond, 100.0 * worst, paced.p99LatenessMs);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    const QString what = args.value(1);
    if (what == "startup") {
        return startup();
    }
    if (what == "preview") {
        return preview();
    }
    if (what == "dashboard") {
        return dashboard(args.size() > 2 ? args[2].toDouble() : 30.0);
    }
    std::fprintf(stderr, "usage: studio_bench startup | preview | dashboard [SECONDS]\n");
    return 2;
}
