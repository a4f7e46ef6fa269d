#include "export_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace streamgen::ui {

QString ExportDialog::shellQuote(const QString& text) {
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    if (plain.match(text).hasMatch()) {
        return text;
    }
    QString quoted = text;
    quoted.replace('\'', QLatin1String("'\\''"));
    return '\'' + quoted + '\'';
}

QString ExportDialog::headlessCommand(const Config& config, const QString& configPath) {
    const QFileInfo file(configPath);
    QStringList parts{"streamgen", "run", shellQuote(file.absoluteFilePath())};
    if (config.sink.type == "file") {
        // The file sink resolves a relative folder against the working directory; anchoring it
        // at the config's folder makes the command run the same from anywhere.
        const OptionNode* path = config.sink.options.find("path");
        if (path && path->kind == OptionNode::Kind::Scalar && !path->scalar.empty()) {
            const QString folder = QString::fromStdString(path->scalar);
            const QString absolute =
                QDir::isAbsolutePath(folder) ? folder : file.absoluteDir().absoluteFilePath(folder);
            parts << "--sink"
                  << "file"
                  << "--out" << shellQuote(QDir::cleanPath(absolute));
        }
    }
    if (config.seed != 0) {
        parts << "--seed" << QString::number(config.seed);
    }
    return parts.join(' ');
}

ExportDialog::ExportDialog(const Config& config, const QString& configPath, QWidget* parent)
    : QDialog(parent), m_command(new QLineEdit(headlessCommand(config, configPath), this)) {
    setWindowTitle(tr("Export for headless use"));
    setObjectName("exportDialog");
    m_command->setObjectName("exportCommand");
    m_command->setReadOnly(true);
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setMinimumWidth(560);
    m_command->setCursorPosition(0);

    auto* intro = new QLabel(tr("Saved <tt>%1</tt>. Run it on a server, in CI or in a container "
                                "with the headless runner:")
                                 .arg(QFileInfo(configPath).fileName().toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    auto* notes = new QLabel(tr("Add <tt>--duration SECONDS</tt> or <tt>--count N</tt> to stop "
                                "after a while, <tt>--report FILE.json</tt> for a run report. "
                                "Secret references are resolved from the environment when the "
                                "run starts."),
                             this);
    notes->setWordWrap(true);
    notes->setEnabled(false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName("copyCommand");
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_command->text()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_command);
    layout->addWidget(notes);
    layout->addWidget(buttons);
}

QString ExportDialog::command() const {
    return m_command->text();
}

} // namespace streamgen::ui
