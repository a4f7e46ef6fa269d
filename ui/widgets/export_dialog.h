#pragma once

#include "model/config.h"

#include <QDialog>

class QLineEdit;

namespace streamgen::ui {

/// Shows the command that runs a saved config headless, with a Copy button.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const Config& config, const QString& configPath, QWidget* parent = nullptr);

    QString command() const;

    /// `streamgen run /abs/config.yaml` plus the flags that make the run independent of the
    /// working directory (the file sink's folder as an absolute `--out`) and its seed.
    static QString headlessCommand(const Config& config, const QString& configPath);
    /// `text` quoted for a POSIX shell when it needs quoting.
    static QString shellQuote(const QString& text);

private:
    QLineEdit* m_command;
};

} // namespace streamgen::ui
