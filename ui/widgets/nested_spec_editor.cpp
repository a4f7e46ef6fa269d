#include "nested_spec_editor.h"

#include "model/config_io.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace streamgen::ui {

namespace {

class NestedSpecEditor : public OptionEditor {
public:
    NestedSpecEditor(const FieldOption& option, const QString& base, QWidget* widget)
        : OptionEditor(option, widget), m_edit(new QPlainTextEdit(widget)),
          m_apply(new QPushButton(QObject::tr("Apply"), widget)) {
        m_edit->setObjectName(base);
        m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_edit->setTabChangesFocus(true);
        m_edit->setPlaceholderText(isOne() ? QStringLiteral("{type: int, range: [1, 9]}")
                                           : QStringLiteral("name: {type: full_name}"));
        m_edit->setToolTip(QObject::tr("YAML, as in a config file; Ctrl+Return applies it"));
        m_apply->setObjectName(base + "Apply");
        m_apply->setEnabled(false);
        auto* layout = new QVBoxLayout(widget);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_edit);
        layout->addWidget(m_apply, 0, Qt::AlignRight);
        addInput(m_edit);
        connect(m_edit, &QPlainTextEdit::textChanged, this,
                [this] { m_apply->setEnabled(m_edit->toPlainText() != m_shown); });
        connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
        auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_edit);
        shortcut->setContext(Qt::WidgetShortcut);
        connect(shortcut, &QShortcut::activated, this, [this] { apply(); });
    }

    bool wide() const override { return true; }

    void load(const FieldSpec& field) override {
        const OptionValue value = option().get(field);
        const auto* specs = std::get_if<std::vector<FieldSpec>>(&value);
        m_shown = specs ? QString::fromStdString(saveFieldSpecsString(*specs, isOne())) : QString();
        if (m_edit->toPlainText() != m_shown) {
            const QSignalBlocker blocker(m_edit);
            m_edit->setPlainText(m_shown);
        }
        m_apply->setEnabled(false);
    }

private:
    bool isOne() const { return option().type == FieldOptionType::Element; }

    void apply() {
        const FieldSpecsResult result =
            loadFieldSpecsString(m_edit->toPlainText().toStdString(), isOne(), option().name);
        for (const Diagnostic& diagnostic : result.diagnostics) {
            if (diagnostic.isError()) {
                reject(QString::fromStdString(diagnostic.format(option().name)));
                return;
            }
        }
        commit(result.specs);
        // The inspector does not reload its own edit: the text as typed stays, now applied.
        m_shown = m_edit->toPlainText();
        m_apply->setEnabled(false);
    }

    QPlainTextEdit* m_edit;
    QPushButton* m_apply;
    QString m_shown; ///< the YAML of the field's value, as last loaded
};

} // namespace

OptionEditor* makeNestedSpecEditor(const FieldOption& option, const QString& objectBase,
                                   QWidget* widget) {
    return new NestedSpecEditor(option, objectBase, widget);
}

} // namespace streamgen::ui
