// `streamgen-studio`: the desktop app. Parses the command line, opens the window (a config with
// problems opens too, and they are listed on stderr); `--run-for` runs the config at launch for
// SECONDS (`--report` writes the run report), and `--screenshot` saves the window as a PNG once
// the preview has rendered or the run has ended.
#include "ui/document.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/studio_launch.h"

#include <QApplication>
#include <QCommandLineParser>
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

/// A config with problems opens so that they can be fixed; a terminal still hears about them.
void reportProblems(const streamgen::ui::Document& document, const QString& path) {
    if (document.problems().empty()) {
        return;
    }
    std::fprintf(stderr, "streamgen-studio: %s has problems:\n", qPrintable(path));
    for (const streamgen::Diagnostic& problem : document.problems()) {
        std::fprintf(stderr, "%s\n", problem.format(path.toStdString()).c_str());
    }
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
        reportProblems(*window.document(), options.config);
    }
    if (screenshot) {
        window.resize(1440, 900);
    }
    window.show();
    int code = kExitOk;
    if (options.runFor > 0.0) {
        const auto run = streamgen::ui::runAtLaunch(window, options.runFor, options.report);
        using Outcome = streamgen::ui::LaunchedRun::Outcome;
        if (run.outcome != Outcome::Done) {
            std::fprintf(stderr, "streamgen-studio: %s\n", qPrintable(run.error));
        }
        code = run.outcome == Outcome::Done     ? kExitOk
               : run.outcome == Outcome::Failed ? kExitFailed
                                                : kExitBadInput;
    }
    // After a run with a report, or once the window was closed during the run, there is nothing
    // left to show.
    const bool done = options.runFor > 0.0 && (!options.report.isEmpty() || !window.isVisible());
    if (!screenshot) {
        return done ? code : QApplication::exec();
    }
    streamgen::ui::waitForPreview(window, kPreviewSettleMs);
    const QPixmap image = window.grab();
    // Quality 0 is PNG's strongest compression: screenshots end up in repositories and READMEs.
    if (!image.save(options.screenshot, "PNG", 0)) {
        std::fprintf(stderr, "streamgen-studio: cannot write %s\n",
                     qPrintable(QFileInfo(options.screenshot).absoluteFilePath()));
        return kExitFailed;
    }
    return code;
}
