#pragma once

#include "model/config.h"
#include "ui/document_change.h"

#include <QHash>
#include <QWidget>
#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;
class QTableView;

namespace streamgen::ui {

class Document;
class ValuesModel;

/// A form for the options of one field, one page per field type. Every edit goes through
/// `Document::setField` with a merge key per option, so dragging a spin box is one undo step.
/// Problems of the field (from validation) and text that cannot be read (a malformed date) are
/// shown under the option they concern.
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
    /// An option on one page: its editors (outlined when invalid) and the label under them.
    struct Slot {
        int page = 0;
        QList<QWidget*> editors;
        QLabel* label = nullptr;
    };

    QWidget* buildNumberPage(bool floating);
    QWidget* buildStringPage();
    QWidget* buildBooleanPage();
    QWidget* buildTimestampPage();
    QWidget* buildDatePage();
    QLabel* addSlot(int page, const QString& key, QList<QWidget*> editors);

    void onDocumentChanged(const DocumentChange& change);
    void load();
    void showProblems();
    /// Copies the field, lets `mutate` change it, and hands it to the document.
    void edit(const QString& key, const std::function<void(FieldSpec&)>& mutate);
    void setInputError(const QString& key, const QString& message);
    int pageOf(FieldType type) const;
    QString problemPrefix() const;

    void commitIntRange();
    void commitFloatRange();
    void commitPrecision();
    void commitTimestamp(const QString& key);
    void commitDateRange();
    void addValue();
    void removeValue();

    Document* m_document;
    FieldRef m_ref{-1, -1};
    bool m_committing = false;

    QLabel* m_title;
    QLabel* m_fieldError;
    QStackedWidget* m_pages;
    QLineEdit* m_intMin;
    QLineEdit* m_intMax;
    QLineEdit* m_floatMin;
    QLineEdit* m_floatMax;
    QCheckBox* m_precisionEnabled;
    QSpinBox* m_precision;
    ValuesModel* m_valuesModel;
    QTableView* m_valuesView;
    QDoubleSpinBox* m_trueRatio;
    QComboBox* m_timestampMode;
    QLineEdit* m_begin;
    QLineEdit* m_end;
    QDoubleSpinBox* m_interval;
    QCheckBox* m_dateRangeEnabled;
    QLineEdit* m_dateFrom;
    QLineEdit* m_dateTo;
    QDoubleSpinBox* m_nullPercent;
    QLabel* m_nullError;

    QMultiHash<QString, Slot> m_slots;
    /// Text the user typed that could not be read, per option key; cleared by a valid edit.
    QHash<QString, QString> m_inputErrors;
};

} // namespace streamgen::ui
