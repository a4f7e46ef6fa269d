// `schema`: prints the schema a format derives from the config (Avro records, a .proto file,
// the CSV header), for consumers and registries that want it ahead of the data.
#include "commands.h"
#include "config_loading.h"

#include "engine/plan.h"

#include <iostream>

namespace streamgen::cli {

int schemaCommand(const SchemaArgs& args) {
    const auto loaded = loadPlan(args.common, PreflightOptions{{}, false});
    if (!loaded) {
        return kExitBadInput;
    }
    const std::string schema = loaded->plan->schema();
    if (schema.empty()) {
        std::cerr << "streamgen: the " << formatInfo(loaded->plan->format()).name
                  << " format has no schema; choose avro, protobuf or csv with --format\n";
        return kExitBadInput;
    }
    std::cout << schema;
    if (schema.back() != '\n') {
        std::cout << '\n';
    }
    std::cout.flush();
    return std::cout ? kExitOk : kExitRunFailed;
}

} // namespace streamgen::cli
