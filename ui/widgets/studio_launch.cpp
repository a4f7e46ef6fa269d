#include "studio_launch.h"

#include "field_histogram.h"
#include "main_window.h"
#include "preview_panel.h"
#include "ui/models/preview_service.h"
#include "ui/run/run_controller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>

namespace streamgen::ui {

void waitForPreview(MainWindow& window, int maxMs) {
    constexpr int kLayoutSettleMs = 150;
    const PreviewService* service = window.previewPanel()->service();
    const FieldHistogram* histogram = window.fieldHistogram();
    QElapsedTimer elapsed;
    elapsed.start();
    do {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    } while ((service->isPending() || histogram->isPending()) && elapsed.elapsed() < maxMs);
    // Let layouts and the table's column sizing catch up with the new rows before grabbing.
    const qint64 done = elapsed.elapsed();
    while (elapsed.elapsed() < done + kLayoutSettleMs) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    }
}

LaunchedRun runAtLaunch(MainWindow& window, double seconds, const QString& reportPath) {
    using Outcome = LaunchedRun::Outcome;
    RunController* controller = window.runController();
    window.showRunDashboard();
    QFile report(reportPath);
    const bool existed = report.exists();
    if (!reportPath.isEmpty() && !report.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return {Outcome::BadInput, QObject::tr("cannot write %1").arg(reportPath)};
    }
    QString error;
    if (!controller->start({std::nullopt, seconds}, &error)) {
        if (report.isOpen() && !existed) {
            report.remove(); // a run that did not start leaves no empty report behind
        }
        const bool sink = controller->lastStartFailure() == RunController::StartFailure::Sink;
        return {sink ? Outcome::Failed : Outcome::BadInput,
                QObject::tr("the run did not start: %1").arg(error)};
    }
    QEventLoop loop;
    QObject::connect(controller, &RunController::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (report.isOpen() && report.write(controller->reportJson()) < 0) {
        return {Outcome::Failed, QObject::tr("cannot write %1").arg(reportPath)};
    }
    const bool failed = !controller->summary() || controller->summary()->failed();
    return {failed ? Outcome::Failed : Outcome::Done, failed ? QObject::tr("the run failed") : ""};
}

} // namespace streamgen::ui
