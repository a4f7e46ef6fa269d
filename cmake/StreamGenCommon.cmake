# One INTERFACE target carries the language standard, warnings and sanitizer flags so that every
# library and executable of the project is built the same way.
add_library(streamgen_common INTERFACE)
target_compile_features(streamgen_common INTERFACE cxx_std_20)
target_compile_options(streamgen_common INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                  -Wnon-virtual-dtor -Wold-style-cast)
if(STREAMGEN_SANITIZE)
    target_compile_options(streamgen_common INTERFACE -fsanitize=${STREAMGEN_SANITIZE}
                                                      -fno-omit-frame-pointer)
    target_link_options(streamgen_common INTERFACE -fsanitize=${STREAMGEN_SANITIZE})
endif()

find_package(Threads REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
# Header-only Boost.Math computes distribution quantiles once per field, never per event.
find_package(Boost 1.74 REQUIRED)

# Headers are included by folder ("model/config.h") from the project root.
target_include_directories(streamgen_common INTERFACE ${PROJECT_SOURCE_DIR})

if(STREAMGEN_BUILD_STUDIO)
    find_package(Qt6 6.2 REQUIRED COMPONENTS Widgets Concurrent PrintSupport Test)
    find_package(QCustomPlotQt6 REQUIRED)
endif()
