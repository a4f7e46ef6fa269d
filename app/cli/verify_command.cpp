// `verify`: read back what a run's sink holds and compare it with the events the run generated.
#include "commands.h"
#include "config_loading.h"
#include "sinks/verify/verify_run.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace streamgen::cli {

namespace {

/// What to expect, from `--run-report` or `--count`/`--first`/`--shard`; prints why not.
std::optional<VerifyExpectation> expectation(const VerifyArgs& args) {
    if (args.runReport) {
        std::ifstream in(*args.runReport);
        if (!in) {
            std::cerr << "streamgen: cannot read the run report " << *args.runReport << '\n';
            return std::nullopt;
        }
        std::ostringstream text;
        text << in.rdbuf();
        std::string error;
        auto expect = expectationFromReport(text.str(), error);
        if (!expect) {
            std::cerr << "streamgen: " << *args.runReport << ": " << error << '\n';
        }
        return expect;
    }
    if (!args.count) {
        std::cerr << "streamgen: say which events to expect: --run-report RUN.json (written by "
                     "`streamgen run --report`) or --count N\n";
        return std::nullopt;
    }
    VerifyExpectation expect;
    if (args.shard && !parseShard(*args.shard, expect.shardIndex, expect.shardCount)) {
        std::cerr << "streamgen: --shard expects I/N with 0 <= I < N, e.g. 0/4\n";
        return std::nullopt;
    }
    // --count is of the whole stream, as for `run`: this shard's indexes below it.
    const auto indexesBelow = [&expect](uint64_t sequence) {
        return sequence > expect.shardIndex
                   ? (sequence - expect.shardIndex - 1) / expect.shardCount + 1
                   : 0;
    };
    expect.firstIndex = indexesBelow(args.first);
    expect.endIndex = indexesBelow(args.first + *args.count);
    return expect;
}

bool parseRenames(const std::vector<std::string>& texts, std::vector<FieldRename>& out) {
    for (const std::string& text : texts) {
        const auto equals = text.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
            std::cerr << "streamgen: --map expects NEW=OLD (the field's name downstream, then in "
                         "the config), got `"
                      << text << "`\n";
            return false;
        }
        out.push_back({text.substr(0, equals), text.substr(equals + 1)});
    }
    return true;
}

} // namespace

int verifyCommand(const VerifyArgs& args) {
    VerifyRequest request;
    request.sink = sinkOverrides(args.sink);
    request.options.presentFieldsOnly = args.presentOnly;
    request.options.show = args.show;
    const auto expect = expectation(args);
    if (!expect || !parseRenames(args.renames, request.options.renames)) {
        return kExitBadInput;
    }
    request.options.expect = *expect;
    const auto loaded = loadPlan(args.common, PreflightOptions{request.sink, true});
    if (!loaded) {
        return kExitBadInput;
    }
    const VerifyOutcome outcome = verifyRun(loaded->config, request);
    if (!outcome.result) {
        std::cerr << "streamgen: verify: " << outcome.error << '\n';
        return outcome.badRequest ? kExitBadInput : kExitRunFailed;
    }
    const VerifyResult& result = *outcome.result;
    std::cout << "verify " << outcome.source << " (events told apart by "
              << (result.identity.empty() ? "nothing: no records" : result.identity) << "): "
              << (result.clean() ? "every event present once and equal" : "differences found")
              << '\n'
              << result.text();
    if (args.report) {
        std::ofstream out(*args.report, std::ios::binary | std::ios::trunc);
        out << result.json();
        if (!out) {
            std::cerr << "streamgen: cannot write report " << *args.report << '\n';
            return kExitRunFailed;
        }
    }
    return result.clean() ? kExitOk : kExitRunFailed;
}

} // namespace streamgen::cli
