// `streamgen-studio`: the desktop app. Parses the command line, opens the window; `--run-for`
// runs the config at launch for SECONDS (`--report` writes the run report), and `--screenshot`
// saves the window as a PNG once the preview has rendered or the run has ended.
#include "ui/models/preview_service.h"
#include "ui/run/run_controller.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/preview_panel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <cstdio>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadInput = 2;
/// The longest a screenshot waits for the first preview.
constexpr int kPreviewSettleMs = 1500;

struct Options {
    QString config;
    QString screenshot;
    double runFor = 0.0;
    QString report;
};

/// Parses arguments; returns the exit code to stop with, or -1 to go on.
int parseArguments(const QApplication& app, Options& options) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "StreamGen Studio: design synthetic event streams"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("CONFIG", QApplication::translate("main", "YAML config to open"),
                                 "[CONFIG]");
    const QCommandLineOption screenshot(
        "screenshot",
        QApplication::translate("main", "Save the main window to FILE (PNG) and exit"), "FILE");
    parser.addOption(screenshot);
    const QCommandLineOption runFor(
        "run-for",
        QApplication::translate("main", "Start a run at launch and stop it after SECONDS"),
        "SECONDS");
    parser.addOption(runFor);
    const QCommandLineOption report(
        "report", QApplication::translate("main", "Write the run's JSON report to FILE"), "FILE");
    parser.addOption(report);
    parser.process(app);
    if (parser.isSet(runFor)) {
        bool ok = false;
        options.runFor = parser.value(runFor).toDouble(&ok);
        if (!ok || !(options.runFor > 0.0) || options.runFor > 1e7) {
            std::fprintf(stderr, "streamgen-studio: --run-for expects a positive number\n");
            return kExitBadInput;
        }
    }
    options.report = parser.value(report);
    if (!options.report.isEmpty() && options.runFor <= 0.0) {
        std::fprintf(stderr, "streamgen-studio: --report goes with --run-for\n");
        return kExitBadInput;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        std::fprintf(stderr, "streamgen-studio: expected at most one CONFIG\n");
        return kExitBadInput;
    }
    options.config = positional.value(0);
    options.screenshot = parser.value(screenshot);
    return -1;
}

/// Waits until the preview of the opened config is shown (or failed), for the settle time at
/// most. The service may still be busy with the blank document the window started with, so this
/// waits for it to go idle rather than for its first result.
void waitForPreview(streamgen::ui::MainWindow& window) {
    const streamgen::ui::PreviewService* service = window.previewPanel()->service();
    QElapsedTimer elapsed;
    elapsed.start();
    do {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    } while (service->isPending() && elapsed.elapsed() < kPreviewSettleMs);
    // Let layouts and the table's column sizing catch up with the new rows before grabbing.
    const qint64 done = elapsed.elapsed();
    while (elapsed.elapsed() < done + 150) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    }
}

/// Runs the open config for `seconds` on the dashboard and writes the report. Returns the exit
/// code: 0 when the run delivered everything, 1 when it failed or could not start.
int runAtLaunch(streamgen::ui::MainWindow& window, const Options& options) {
    using streamgen::ui::RunController;
    RunController* controller = window.runController();
    window.showRunDashboard();
    // Like the CLI: an unwritable report path is found before the run, not after it.
    QFile report(options.report);
    if (!options.report.isEmpty() && !report.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "streamgen-studio: cannot write %s\n", qPrintable(options.report));
        return kExitBadInput;
    }
    QString error;
    if (!controller->start({std::nullopt, options.runFor}, &error)) {
        std::fprintf(stderr, "streamgen-studio: the run did not start: %s\n", qPrintable(error));
        return controller->lastStartFailure() == RunController::StartFailure::Sink ? kExitFailed
                                                                                   : kExitBadInput;
    }
    QEventLoop loop;
    QObject::connect(controller, &RunController::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (report.isOpen() && report.write(controller->reportJson()) < 0) {
        std::fprintf(stderr, "streamgen-studio: cannot write %s\n", qPrintable(options.report));
        return kExitFailed;
    }
    return controller->summary() && !controller->summary()->failed() ? kExitOk : kExitFailed;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("StreamGen");
    QApplication::setApplicationName("streamgen-studio");
    QApplication::setApplicationVersion("0.1.0");

    Options options;
    if (const int code = parseArguments(app, options); code >= 0) {
        return code;
    }
    const bool screenshot = !options.screenshot.isEmpty();
    using streamgen::ui::MainWindow;
    MainWindow window(screenshot ? MainWindow::SettingsMode::Ignore
                                 : MainWindow::SettingsMode::Remember);
    if (!options.config.isEmpty()) {
        QString error;
        if (!window.openFile(options.config, &error)) {
            std::fprintf(stderr, "streamgen-studio: %s could not be opened:\n%s\n",
                         qPrintable(options.config), qPrintable(error));
            return kExitBadInput;
        }
    }
    if (screenshot) {
        window.resize(1440, 900);
    }
    window.show();
    int code = kExitOk;
    if (options.runFor > 0.0) {
        code = runAtLaunch(window, options);
    }
    // After a run with a report, or once the window was closed during the run, there is nothing
    // left to show.
    const bool done = options.runFor > 0.0 && (!options.report.isEmpty() || !window.isVisible());
    if (!screenshot) {
        return done ? code : QApplication::exec();
    }
    waitForPreview(window);
    const QPixmap image = window.grab();
    // Quality 0 is PNG's strongest compression: screenshots end up in repositories and READMEs.
    if (!image.save(options.screenshot, "PNG", 0)) {
        std::fprintf(stderr, "streamgen-studio: cannot write %s\n",
                     qPrintable(QFileInfo(options.screenshot).absoluteFilePath()));
        return kExitFailed;
    }
    return code;
}
