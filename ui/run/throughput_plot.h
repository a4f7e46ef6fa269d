#pragma once

#include <QTimer>
#include <QWidget>
#include <vector>

class QCustomPlot;
class QMouseEvent;

namespace streamgen::ui {

class RunController;

/// Live events/s per event type over a moving window (QCustomPlot): a solid line per type in the
/// type's colour, its target as a dashed line, and the total. With more than 12 types, the 10
/// fastest get lines and the rest are summed into "other".
///
/// Samples arrive at 10 Hz; the plot only marks itself dirty then, and a 10 Hz refresh timer
/// replots when dirty and visible, so a hidden dashboard costs nothing.
class ThroughputPlot : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxLines = 12;
    static constexpr int kTopLines = 10;

    explicit ThroughputPlot(RunController* controller, QWidget* parent = nullptr);

    void setWindowSeconds(int seconds); ///< clamped to 10 s .. 10 min
    int windowSeconds() const { return m_windowSeconds; }

    bool savePng(const QString& path);
    bool savePdf(const QString& path);

    /// Lines of event types (and "other") currently drawn, targets and total excluded.
    int typeLineCount() const;
    /// How many times the plot was redrawn (for tests of the no-work-while-hidden rule).
    int replotCount() const { return m_replots; }
    QCustomPlot* customPlot() const { return m_plot; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Line {
        int graph = -1;         ///< solid line
        int targetGraph = -1;   ///< dashed target
        std::vector<int> types; ///< event types summed into this line
    };

    void rebuild();
    void refresh();
    void fillData();
    std::vector<int> linesByRate() const;
    void showValuesAt(QMouseEvent* event);

    RunController* m_controller;
    QCustomPlot* m_plot;
    QTimer m_refreshTimer;
    std::vector<Line> m_lines;
    int m_totalGraph = -1;
    int m_totalTargetGraph = -1;
    int m_windowSeconds = 60;
    bool m_dirty = false;
    int m_replots = 0;
};

} // namespace streamgen::ui
