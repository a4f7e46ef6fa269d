// `streamgen`: the headless runner. Parses the command line and hands over to app/cli.
#include "cli/commands.h"
#include "engine/encoders/format.h"
#include "sinks/sink_registry.h"

#include <CLI/CLI.hpp>
#include <iostream>

using namespace streamgen::cli;

namespace {

void addCommon(CLI::App& command, CommonArgs& args) {
    command.add_option("CONFIG", args.config, "YAML config file")->required();
    command.add_option("--set", args.overrides,
                       "Override a config key by dotted path, e.g. sink_config.topic=events")
        ->type_name("KEY=VALUE");
    command.add_option("--seed", args.seed, "Seed for reproducible output (overrides `seed`)")
        ->check(CLI::NonNegativeNumber);
}

void addFormat(CLI::App& command, CommonArgs& args) {
    command.add_option("--format", args.format, "Override serialization_format")
        ->check(CLI::IsMember(streamgen::formatNames()));
}

void addSink(CLI::App& command, SinkArgs& args) {
    command.add_option("--sink", args.type, "Override sink_config.type (see `streamgen sinks`)")
        ->check(CLI::IsMember(streamgen::sinkNames()));
    command.add_option("--out", args.out, "Folder of a sink that writes files (sink_config.path)");
}

/// CLI11 reads unsigned options with base detection, so `--count 010` would mean 8; integer
/// options must be plain decimal.
bool decimalIntegers(int argc, char** argv) {
    for (int i = 1; i + 1 < argc; ++i) {
        const std::string flag = argv[i];
        const std::string value = argv[i + 1];
        if ((flag == "--count" || flag == "--seed" || flag == "-n" || flag == "--first") &&
            value.size() > 1 &&
            value[0] == '0') {
            std::cerr << "streamgen: " << flag << " takes a decimal number, got " << value << '\n';
            return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"StreamGen: synthetic streaming-data generator (headless runner)", "streamgen"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "streamgen 0.1.0");
    app.footer("Exit codes: 0 done, 1 run failed (sink error, undelivered events), "
               "2 bad config or arguments.");

    RunArgs run;
    auto* runCmd = app.add_subcommand("run", "Generate events into a sink");
    addCommon(*runCmd, run.common);
    runCmd->add_option("--count", run.count, "Stop after N events (batch mode: total_rows)")
        ->check(CLI::NonNegativeNumber);
    runCmd->add_option("--duration", run.duration, "Stop after SECONDS")
        ->check(CLI::Range(1e-3, 1e8));
    runCmd->add_option("--rate", run.rate,
                       "Target events/s across all types; 0 = as fast as the sink accepts "
                       "(default: streaming_config.total_rows_per_second)")
        ->check(CLI::Range(0.0, 1e9));
    runCmd->add_option("--threads", run.threads, "Worker threads (default 1)")
        ->check(CLI::Range(1, 256));
    addSink(*runCmd, run.sink);
    addFormat(*runCmd, run.common);
    runCmd->add_option("--report", run.report, "Write a JSON run report to FILE");
    runCmd->add_option("--shard", run.shard,
                       "Generate shard I of N (I/N): N processes together produce exactly the "
                       "single-process stream");
    runCmd->add_flag("--progress", run.progress,
                     "Print per-type progress every second even when stderr is not a terminal");

    ValidateArgs validate;
    auto* validateCmd = app.add_subcommand(
        "validate", "Check a config as `run` would (with the same --sink, --out, --format); print "
                    "every problem");
    addCommon(*validateCmd, validate.common);
    addSink(*validateCmd, validate.sink);
    addFormat(*validateCmd, validate.common);

    PreviewArgs preview;
    auto* previewCmd = app.add_subcommand("preview", "Print sample events as JSON lines");
    addCommon(*previewCmd, preview.common);
    previewCmd->add_option("-n", preview.count, "Number of events (default 10)")
        ->check(CLI::Range(0, 1000000));
    previewCmd->add_option("--type", preview.type, "Only events of this event_type_id");
    addFormat(*previewCmd, preview.common);

    BenchArgs bench;
    auto* benchCmd = app.add_subcommand("bench", "Measure generation speed per thread count");
    addCommon(*benchCmd, bench.common);
    benchCmd->add_option("--seconds", bench.seconds, "Seconds per measurement (default 3)")
        ->check(CLI::Range(0.01, 3600.0));
    benchCmd->add_option("--threads", bench.threads, "Measure 1..N threads (default: every core)")
        ->check(CLI::Range(0, 256));

    SchemaArgs schema;
    auto* schemaCmd = app.add_subcommand(
        "schema", "Print the schema a format derives from the config (Avro records as JSON, a "
                  ".proto file, the CSV header)");
    addCommon(*schemaCmd, schema.common);
    addFormat(*schemaCmd, schema.common);

    VerifyArgs verify;
    auto* verifyCmd = app.add_subcommand(
        "verify", "Read back what a run's sink holds and compare it with the events the run "
                  "generated: missing, duplicated, altered, out of order (exit 0: all there once)");
    addCommon(*verifyCmd, verify.common);
    verifyCmd->add_option("--from", verify.sink.type, "Read this sink instead of sink_config.type")
        ->check(CLI::IsMember(streamgen::sinkNames()));
    verifyCmd->add_option("--out", verify.sink.out, "Folder of a sink that writes files");
    addFormat(*verifyCmd, verify.common);
    verifyCmd->add_option("--run-report", verify.runReport,
                          "The run's `--report` file: which events it generated, with its seed");
    verifyCmd->add_option("--count", verify.count, "Expect events [first, first + N) instead")
        ->check(CLI::NonNegativeNumber);
    verifyCmd->add_option("--first", verify.first, "First sequence number with --count (0)")
        ->check(CLI::NonNegativeNumber);
    verifyCmd->add_option("--shard", verify.shard, "The shard I/N the run generated, with --count");
    verifyCmd->add_option("--map", verify.renames,
                          "A field renamed downstream, NEW=OLD; compares the fields present only")
        ->type_name("NEW=OLD");
    verifyCmd->add_flag("--present-only", verify.presentOnly,
                        "Compare only the fields each record has (a pipeline's output)");
    verifyCmd->add_option("--report", verify.report, "Write the findings as JSON to FILE");
    verifyCmd->add_option("--show", verify.show, "Problems of each kind listed (default 10)")
        ->check(CLI::Range(0, 100000));

    SinksArgs sinks;
    auto* sinksCmd = app.add_subcommand("sinks", "List the sinks and their options");
    sinksCmd->add_flag("--markdown", sinks.markdown, "As a Markdown table (the README's)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? kExitOk : kExitBadInput;
    }
    if (!decimalIntegers(argc, argv)) {
        return kExitBadInput;
    }
    try {
        if (runCmd->parsed()) {
            return runCommand(run);
        }
        if (validateCmd->parsed()) {
            return validateCommand(validate);
        }
        if (previewCmd->parsed()) {
            return previewCommand(preview);
        }
        if (sinksCmd->parsed()) {
            return sinksCommand(sinks);
        }
        if (schemaCmd->parsed()) {
            return schemaCommand(schema);
        }
        if (verifyCmd->parsed()) {
            return verifyCommand(verify);
        }
        return benchCommand(bench);
    } catch (const std::exception& error) {
        std::cerr << "streamgen: error: " << error.what() << '\n';
        return kExitRunFailed;
    }
}
