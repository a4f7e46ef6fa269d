#pragma once

#include "model/kinds/field_kind.h"
#include "ui/document_change.h"

#include <QList>
#include <QObject>
#include <QString>
#include <functional>

class QWidget;

namespace streamgen::ui {

class Document;

/// The editor of one declared option on a field inspector page, chosen by the option's value
/// type. It shows a field's value and hands what the user enters to the inspector, which makes
/// it an undo step; text it cannot read is handed back as a message instead.
class OptionEditor : public QObject {
    Q_OBJECT
public:
    using Commit = std::function<void(const OptionValue&)>;
    using Reject = std::function<void(const QString&)>;

    /// Lives as long as `widget`, its row in the form.
    OptionEditor(const FieldOption& option, QWidget* widget);

    const FieldOption& option() const { return m_option; }
    QWidget* widget() const { return m_widget; }
    /// Outlined when the option has a problem; the first one takes the focus.
    const QList<QWidget*>& inputs() const { return m_inputs; }
    /// Spans the whole row of the form (a table), with the option's label above it.
    virtual bool wide() const { return false; }

    void setHandlers(Commit commit, Reject reject);
    /// Shows `field`'s value without committing anything.
    virtual void load(const FieldSpec& field) = 0;
    /// The inspector shows another field (editors that talk to the document themselves).
    virtual void setFieldRef(FieldRef) {}

protected:
    void addInput(QWidget* input);
    void commit(const OptionValue& value) const;
    void reject(const QString& message) const;

private:
    const FieldOption& m_option;
    QWidget* m_widget;
    QList<QWidget*> m_inputs;
    Commit m_commit;
    Reject m_reject;
};

/// `text` with its first letter in upper case (tool tips, object names).
QString capitalized(QString text);

/// The editor for `option` of `kind`, its widgets named `objectBase` + a part ("Min", "Max",
/// "Enabled"); nullptr for an option edited by another's editor (weights, with their values).
OptionEditor* makeOptionEditor(const FieldKind& kind, const FieldOption& option,
                               const QString& objectBase, Document* document, QWidget* parent);

} // namespace streamgen::ui
