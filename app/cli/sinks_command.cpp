// `streamgen sinks`: the registered sinks and their options, as text or as the README's table.
#include "commands.h"

#include "sinks/sink_registry.h"

#include <algorithm>
#include <iostream>
#include <string>

namespace streamgen::cli {

namespace {

std::string joined(const std::vector<std::string>& items, const std::string& separator,
                   const std::string& quote = "") {
    std::string out;
    for (const std::string& item : items) {
        out += (out.empty() ? "" : separator) + quote + item + quote;
    }
    return out;
}

/// "string, required, secret"
std::string kindOf(const SinkOption& option) {
    std::string kind = optionTypeName(option.type);
    kind += option.required ? ", required" : "";
    kind += option.secret ? ", secret" : "";
    return kind;
}

std::string helpOf(const SinkOption& option, const std::string& quote) {
    if (option.choices.empty()) {
        return option.help;
    }
    return option.help + " (" + joined(option.choices, ", ", quote) + ")";
}

/// A table cell: Markdown tables end a cell at every `|`.
std::string cell(const std::string& text) {
    std::string out;
    for (char c : text) {
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    }
    return out;
}

/// One row of a Markdown table; empty cells stay empty.
void printRow(const std::vector<std::string>& cells) {
    std::cout << '|';
    for (const std::string& text : cells) {
        if (text.empty()) {
            std::cout << " |";
        } else {
            std::cout << ' ' << cell(text) << " |";
        }
    }
    std::cout << '\n';
}

void printMarkdown() {
    printRow({"sink", "option", "type", "default", "description"});
    std::cout << "|---|---|---|---|---|\n";
    for (const SinkDescriptor& sink : sinkRegistry()) {
        std::vector<std::string> names{sink.name};
        names.insert(names.end(), sink.aliases.begin(), sink.aliases.end());
        printRow({joined(names, ", ", "`"), "", "", "", sink.description});
        for (const SinkOption& option : sink.options) {
            printRow({"", "`" + option.name + "`", kindOf(option),
                      option.defaultValue.empty() ? "" : "`" + option.defaultValue + "`",
                      helpOf(option, "`")});
        }
    }
}

void printText() {
    std::size_t nameWidth = 0;
    std::size_t kindWidth = 0;
    for (const SinkDescriptor& sink : sinkRegistry()) {
        for (const SinkOption& option : sink.options) {
            nameWidth = std::max(nameWidth, option.name.size());
            kindWidth = std::max(kindWidth, kindOf(option).size());
        }
    }
    for (const SinkDescriptor& sink : sinkRegistry()) {
        std::cout << sink.name;
        if (!sink.aliases.empty()) {
            std::cout << " (also " << joined(sink.aliases, ", ") << ")";
        }
        std::cout << ": " << sink.description << '\n';
        for (const SinkOption& option : sink.options) {
            const std::string kind = kindOf(option);
            std::cout << "    " << option.name << std::string(nameWidth - option.name.size(), ' ')
                      << "  " << kind << std::string(kindWidth - kind.size(), ' ') << "  "
                      << helpOf(option, "")
                      << (option.defaultValue.empty() ? "" : "; default " + option.defaultValue)
                      << '\n';
        }
    }
}

} // namespace

int sinksCommand(const SinksArgs& args) {
    if (args.markdown) {
        printMarkdown();
    } else {
        printText();
    }
    std::cout.flush();
    return std::cout ? kExitOk : kExitRunFailed;
}

} // namespace streamgen::cli
