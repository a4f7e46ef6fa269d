#pragma once

#include "model/config_io.h"
#include "ui/document.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace streamgen::ui::test {

inline QString examplePath(const char* name) {
    return QStringLiteral(STREAMGEN_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
}

inline Config loadExample(const char* name) {
    const LoadResult result = loadConfigFile(examplePath(name).toStdString());
    if (!result.ok()) {
        qFatal("cannot load example %s", name);
    }
    return result.config;
}

/// Every model under test is checked by Qt's own consistency tester, which fails the test on
/// any broken signal or index contract.
inline void attachTester(QAbstractItemModel* model) {
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 model);
}

} // namespace streamgen::ui::test
