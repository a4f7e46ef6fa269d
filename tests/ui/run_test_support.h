#pragma once

#include "model/config_io.h"
#include "ui/run/run_controller.h"

#include <QTest>
#include <string>

namespace streamgen::ui::test {

/// The quick-start schema into the null sink at `rate` events/s (0 = as fast as possible), with
/// extra event types up to `types` (weights 0.01 x i) for tests of many-type behaviour.
inline Config nullSinkConfig(double rate, int types = 3) {
    Config config =
        loadConfigFile(STREAMGEN_SOURCE_DIR "/resources/examples/quickstart.yaml").config;
    config.sink = SinkConfig{};
    config.sink.type = "null";
    config.totalRowsPerSecond = rate;
    for (int i = 3; i < types; ++i) {
        EventType extra = config.eventTypes[static_cast<std::size_t>(i % 3)];
        extra.id = "extra." + std::to_string(i);
        extra.weight = 0.01 * i;
        config.eventTypes.push_back(extra);
    }
    return config;
}

/// Waits (processing events) until the controller reaches `state`.
inline bool waitForState(RunController& controller, RunController::State state,
                         int ms = 15000) {
    return QTest::qWaitFor([&] { return controller.state() == state; }, ms);
}

} // namespace streamgen::ui::test
