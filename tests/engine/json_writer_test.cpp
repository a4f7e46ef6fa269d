#include "engine/json_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace streamgen {
namespace {

TEST(JsonQuote, EscapesPerRfc8259) {
    EXPECT_EQ(json::quote("plain"), "\"plain\"");
    EXPECT_EQ(json::quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
    EXPECT_EQ(json::quote("\n\t\r\b\f"), "\"\\n\\t\\r\\b\\f\"");
    EXPECT_EQ(json::quote(std::string("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
    EXPECT_EQ(json::quote("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
}

TEST(JsonQuote, RoundTripsThroughAParser) {
    const std::string tricky = std::string("q\"b\\s/\x7f\x02 ") + "\xe2\x82\xac";
    EXPECT_EQ(nlohmann::json::parse(json::quote(tricky)).get<std::string>(), tricky);
}

TEST(JsonDates, CivilFromDaysMatchesKnownDates) {
    auto text = [](int64_t days) {
        std::string out;
        json::appendDate(out, days);
        return out;
    };
    EXPECT_EQ(text(0), "\"1970-01-01\"");
    EXPECT_EQ(text(-1), "\"1969-12-31\"");
    EXPECT_EQ(text(11016), "\"2000-02-29\"");
    EXPECT_EQ(text(20778), "\"2026-11-21\"");
}

TEST(JsonDates, TimestampHasMillisecondsAndZ) {
    std::string out;
    json::appendTimestamp(out, 1795282320123);
    EXPECT_EQ(out, "\"2026-11-21T17:32:00.123Z\"");
    out.clear();
    json::appendTimestamp(out, -1);
    EXPECT_EQ(out, "\"1969-12-31T23:59:59.999Z\"");
}

} // namespace
} // namespace streamgen
