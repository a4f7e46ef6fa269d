// The postgres sink's pure parts: table names, passwords in connection strings, references
// resolved so that their values stay one value, column types, and the rows COPY reads, cut
// from the plan's CSV lines (which carry the columns of every type) and JSON lines.
#include "engine/sink.h"
#include "model/config_io.h"
#include "sinks/postgres/postgres_settings.h"
#include "sinks/postgres/postgres_tables.h"

#include <algorithm>
#include <cstdlib>
#include <gtest/gtest.h>

using namespace streamgen;

namespace {

std::shared_ptr<const Plan> compile(const std::string& yaml, const char* format) {
    LoadResult loaded = loadConfigString(yaml);
    EXPECT_TRUE(loaded.diagnostics.empty()) << loaded.diagnostics.front().message;
    loaded.config.serializationFormat = format;
    std::string error;
    auto plan = Plan::compile(loaded.config, &error);
    EXPECT_TRUE(plan) << error;
    return plan;
}

/// RFC 4180 cells of one line.
std::vector<std::string> cells(std::string_view line, char delimiter = ',') {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            out.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == delimiter && !quoted) {
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    return out;
}

const char* kMixed = R"yaml(seed: 5
common_fields:
  id: {type: int, range: [1, 9]}
event_types:
  - event_type_id: "a.first"
    fields:
      note: {type: string, values: ["x, y", "say \"hi\"", "two\nlines", "", "plain"]}
      n: {type: int, range: [1, 3], null_ratio: 0.5}
  - event_type_id: "b.second"
    fields:
      flag: {type: boolean}
      note: {type: string, values: ["p", "q,r"]}
      tags: {type: array, items: word, length: [0, 3]}
  - event_type_id: "c.third"
    fields:
      price: {type: "decimal(8,2)", range: [0, 100]}
      at: {type: timestamp, mode: sequence, begin: "2024-01-01T00:00:00Z"}
)yaml";

} // namespace

TEST(PostgresNames, TablesAreTheLowerCaseIdWithUnderscores) {
    EXPECT_EQ(tableNameFor("", "user.purchase"), "user_purchase");
    EXPECT_EQ(tableNameFor("ev_", "User-Session.End"), "ev_user_session_end");
    EXPECT_EQ(tableNameFor("", "3d.view"), "_3d_view");
    EXPECT_EQ(tableNameFor("", "caf\xc3\xa9"), "caf__");
    EXPECT_TRUE(isPlainIdentifier("events_2024"));
    EXPECT_FALSE(isPlainIdentifier("2024_events"));
    EXPECT_FALSE(isPlainIdentifier("my-table"));
    EXPECT_FALSE(isPlainIdentifier(std::string(64, 'a')));
    EXPECT_EQ(quoteIdentifier("say \"x\""), "\"say \"\"x\"\"\"");
}

TEST(PostgresConnection, APasswordInClearIsFoundButReferencesPass) {
    EXPECT_EQ(literalPasswordOffset("host=db password=hunter2"), 17u);
    EXPECT_EQ(literalPasswordOffset("host=db password = 'a b'"), 20u);
    EXPECT_EQ(literalPasswordOffset("postgresql://gen:hunter2@db/x"), 17u);
    EXPECT_EQ(literalPasswordOffset("postgresql://gen@db/x?sslmode=require&password=hunter2"), 47u);
    EXPECT_EQ(literalPasswordOffset("host=db password=x${PW}"), 17u); // partly in clear
    EXPECT_FALSE(literalPasswordOffset("host=db password=${PW}"));
    EXPECT_FALSE(literalPasswordOffset("postgresql://gen:{{secrets/pg/password}}@db:5432/x"));
    EXPECT_FALSE(literalPasswordOffset("postgresql://gen@db/x"));
    EXPECT_FALSE(literalPasswordOffset("host=db user=gen"));
}

TEST(PostgresConnection, ReferencedValuesStayOneValue) {
    ::setenv("STREAMGEN_SECRET_pg_password", "p@ss/w:rd", 1);
    ::setenv("PG_ROWS_TEST_PW", "it's \\ odd", 1);
    SinkConfig sink;
    sink.type = "postgres";
    sink.options.set("connection_string",
                     "postgresql://gen:{{secrets/pg/password}}@db.example:5432/events");
    PostgresSettings settings;
    std::string error;
    ASSERT_TRUE(readPostgresSettings(sink, settings, error)) << error;
    EXPECT_EQ(settings.connection, "postgresql://gen:p%40ss%2Fw%3Ard@db.example:5432/events");
    EXPECT_EQ(settings.target, "gen@db.example:5432/events");

    sink.options.set("connection_string", "host=db user=gen password=${PG_ROWS_TEST_PW}");
    ASSERT_TRUE(readPostgresSettings(sink, settings, error)) << error;
    EXPECT_EQ(settings.connection, "host=db user=gen password='it\\'s \\\\ odd'");
    EXPECT_EQ(settings.target, "gen@db");

    sink.options.set("connection_string", "host=db password=${PG_ROWS_TEST_UNSET}");
    EXPECT_FALSE(readPostgresSettings(sink, settings, error));
    EXPECT_NE(error.find("PG_ROWS_TEST_UNSET is not set"), std::string::npos) << error;
}

TEST(PostgresTables, ColumnTypesFollowTheFieldStorage) {
    const auto plan = compile(kMixed, "csv");
    PostgresSettings settings;
    const PostgresTables tables(*plan, settings);
    ASSERT_EQ(tables.tables().size(), 3u);
    const auto types = [&](std::size_t t) {
        std::vector<std::string> out;
        for (const PostgresColumn& column : tables.tables()[t].columns) {
            out.push_back(column.name + " " + column.type);
        }
        return out;
    };
    EXPECT_EQ(types(0), (std::vector<std::string>{"id integer", "note text", "n integer"}));
    EXPECT_EQ(types(1),
              (std::vector<std::string>{"id integer", "note text", "flag boolean", "tags jsonb"}));
    EXPECT_EQ(types(2), (std::vector<std::string>{"id integer", "price numeric",
                                                  "at timestamp with time zone"}));
    // A string that is never null must not read an empty cell as null.
    EXPECT_EQ(tables.tables()[0].copySql,
              "COPY \"public\".\"a_first\" (\"id\", \"note\", \"n\") FROM STDIN WITH (FORMAT "
              "csv, DELIMITER ',', FORCE_NOT_NULL (\"note\"))");
    EXPECT_EQ(tables.tables()[2].copySql,
              "COPY \"public\".\"c_third\" (\"id\", \"price\", \"at\") FROM STDIN WITH "
              "(FORMAT csv, DELIMITER ',')");
}

TEST(PostgresTables, RowsAreTheTypesOwnCellsOfTheCsvLine) {
    for (const char delimiter : {',', ';', '\t'}) {
        std::string yaml = kMixed;
        yaml += std::string("format_options: {delimiter: \"") +
                (delimiter == '\t' ? "\\t" : std::string(1, delimiter)) + "\"}\n";
        const auto plan = compile(yaml, "csv");
        PostgresSettings settings;
        const PostgresTables tables(*plan, settings);
        const std::vector<std::string> header =
            cells(plan->schema().substr(0, plan->schema().size() - 1), delimiter);
        EventBatch batch;
        for (uint64_t k = 0; k < 300; ++k) {
            plan->render(k, static_cast<uint32_t>(k % 3), batch);
        }
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const uint32_t type = batch.typeIndex(i);
            std::string row;
            tables.appendRow(type, batch.sequence(i), batch.payload(i), row);
            ASSERT_EQ(row.back(), '\n');
            const std::vector<std::string> line = cells(batch.payload(i), delimiter);
            std::vector<std::string> expected;
            for (const PostgresColumn& column : tables.tables()[type].columns) {
                const auto at = std::find(header.begin(), header.end(), column.name);
                expected.push_back(line[static_cast<std::size_t>(at - header.begin())]);
            }
            EXPECT_EQ(cells(row.substr(0, row.size() - 1), delimiter), expected)
                << "line: " << batch.payload(i) << "\nrow: " << row;
        }
    }
}

TEST(PostgresTables, JsonbRowsEscapeBackslashesForCopyText) {
    const auto plan = compile(R"(event_types:
  - event_type_id: "we\\ird"
    fields:
      path: {type: string, values: ["C:\\temp", "tab\there"]}
)",
                              "json");
    PostgresSettings settings;
    settings.layout = PostgresLayout::Jsonb;
    const PostgresTables tables(*plan, settings);
    EventBatch batch;
    plan->render(7, 0, batch);
    std::string row;
    tables.appendRow(0, 7, batch.payload(0), row);
    std::string expected = "we\\\\ird\t7\t";
    for (const char c : batch.payload(0)) {
        expected += c == '\\' ? "\\\\" : std::string(1, c);
    }
    EXPECT_EQ(row, expected + "\n");
    EXPECT_EQ(row.find('\t', 10), std::string::npos) << "a tab in JSON is written \\t";
}

TEST(PostgresTables, ThePlanMustBeEncodedAsTheLayoutNeeds) {
    const auto plan = compile(kMixed, "json");
    PostgresSettings settings;
    EXPECT_THROW({ const PostgresTables tables(*plan, settings); }, SinkError);
}
