#pragma once

#include <QString>

namespace streamgen::ui {

class MainWindow;

/// Waits until the window's preview and field values have settled (or `maxMs` passed), so that a
/// screenshot shows them. The preview may still be busy with the blank document the window
/// started with, so this waits for it to go idle rather than for its first result.
void waitForPreview(MainWindow& window, int maxMs);

/// How a run started at launch (`--run-for`) ended.
struct LaunchedRun {
    enum class Outcome { Done, Failed, BadInput };
    Outcome outcome = Outcome::Done;
    QString error; ///< why it failed or did not start
};

/// Runs the window's config for `seconds` on the dashboard, in a local event loop, and writes the
/// run report to `reportPath` (none when empty). An unwritable report path is found before the
/// run starts, as in the CLI.
LaunchedRun runAtLaunch(MainWindow& window, double seconds, const QString& reportPath);

} // namespace streamgen::ui
