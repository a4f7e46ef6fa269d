#include "connection_test.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QtConcurrent>

namespace streamgen::ui {

ConnectionTest::ConnectionTest(QWidget* parent)
    : QWidget(parent), m_button(new QPushButton(tr("Test connection"), this)),
      m_label(new QLabel(this)) {
    m_label->setWordWrap(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_button);
    layout->addWidget(m_label, 1);
    connect(m_button, &QPushButton::clicked, this, &ConnectionTest::requested);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this,
            [this] { show(m_watcher.result()); });
}

void ConnectionTest::start(std::function<Outcome()> check, const QString& asking) {
    m_button->setEnabled(false);
    m_label->setText(asking);
    m_label->setStyleSheet({});
    m_watcher.setFuture(QtConcurrent::run(std::move(check)));
}

void ConnectionTest::show(const Outcome& outcome) {
    m_button->setEnabled(true);
    m_label->setText(outcome.message);
    m_label->setStyleSheet(outcome.ok ? "color: #2a7a2a;" : "color: #b02020;");
    emit finished(outcome);
}

} // namespace streamgen::ui
