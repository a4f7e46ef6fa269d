#pragma once

#include "model/config.h"
#include "ui/document_change.h"

#include <QHash>
#include <QWidget>
#include <functional>

class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QStackedWidget;

namespace streamgen {
struct FieldKind;
struct FieldOption;
} // namespace streamgen

namespace streamgen::ui {

class Document;
class OptionEditor;

/// A form for the options of one field, one page per field kind built from the kind's declared
/// options (model/kinds/), so a new kind gets its page without code here. Editor widgets are
/// named after kind and option ("intMin", "timestampBegin", "floatPrecision"). Every edit goes
/// through `Document::setField` with the option as merge key, so dragging a spin box is one
/// undo step. Problems of the field (from validation) and text that cannot be read (a malformed
/// date) are shown under the option they concern.
class FieldInspector : public QWidget {
    Q_OBJECT
public:
    explicit FieldInspector(Document* document, QWidget* parent = nullptr);

    void setField(FieldRef ref);
    FieldRef field() const { return m_ref; }
    /// Puts the keyboard focus on the editor of option `key` ("range", "values", "begin"...).
    void focusOption(const QString& key);
    /// The message shown under option `key` on the current page ("" when none).
    QString shownError(const QString& key) const;

private:
    /// An option on one page: its inputs (outlined when invalid) and the label under them.
    struct Slot {
        int page = 0;
        QList<QWidget*> inputs;
        QLabel* label = nullptr;
        QString help; ///< the inputs' tooltip when there is no problem to show
    };

    QWidget* buildPage(int page, const FieldKind& kind);
    void addOptionRows(QFormLayout* form, int page, const FieldKind& kind,
                       const FieldOption& option);
    void addSlot(int page, const FieldOption& option, QList<QWidget*> inputs, QFormLayout* form);

    void onDocumentChanged(const DocumentChange& change);
    void load();
    void showPage(int page);
    void showApplicable(const FieldSpec& field);
    void showProblems();
    /// Copies the field, lets `mutate` change it, and hands it to the document.
    void edit(const QString& key, const std::function<void(FieldSpec&)>& mutate);
    void setInputError(const QString& key, const QString& message);
    int pageOf(FieldType type) const;
    QString problemPrefix() const;

    Document* m_document;
    FieldRef m_ref{-1, -1};
    bool m_committing = false;

    QLabel* m_title;
    QLabel* m_fieldError;
    QStackedWidget* m_pages;
    QDoubleSpinBox* m_nullPercent;
    QLabel* m_nullError;
    /// The option editors of each page (index = page).
    QHash<int, QList<OptionEditor*>> m_editors;

    QMultiHash<QString, Slot> m_slots;
    /// Text the user typed that could not be read, per option key; cleared by a valid edit.
    QHash<QString, QString> m_inputErrors;
};

} // namespace streamgen::ui
