#pragma once

#include "engine/expr/expr_program.h"
#include "model/diagnostic.h"
#include "model/kinds/field_kind.h"
#include "value_generators.h"

#include <string>
#include <vector>

namespace streamgen {

/// How an event type whose fields depend on each other is computed: every field (omitted ones
/// too) in an order where each `expr` comes after the fields it reads, then the written fields
/// taken from those values in the encoder's order.
struct DerivedPlan {
    /// One field computed in dependency order: drawn by `generator`, or by `program` >= 0.
    struct Step {
        uint32_t slot = 0; ///< the field's index among all fields of the type
        int program = -1;
        int base = -1; ///< `base_column`: the slot whose value is drawn on instead of the event
    };
    /// How an expression's result becomes a value of its field's kind.
    struct Target {
        ValueStorage storage = ValueStorage::String;
        int precision = -1; ///< float / double with `precision`: written as that many digits
        double nullRatio = 0.0;
        uint64_t salt = 0;
    };

    std::vector<ValueGenerator> generators; ///< by slot (unused for expression slots)
    std::vector<Step> steps;
    std::vector<expr::Program> programs;
    std::vector<Target> targets;   ///< by program
    std::vector<uint32_t> written; ///< the slot of each written field, in encoder order
    /// By slot: a written field that nothing reads, drawn as it is written rather than in
    /// `steps`, so that its value never goes through memory.
    std::vector<uint8_t> direct;
    uint64_t baseStream = 0; ///< keys of values drawn on a base value, from the seed

    bool empty() const { return steps.empty(); }
};

/// Values and expression buffers a worker reuses for every event of derived types.
struct DerivedScratch {
    std::vector<Value> values;
    std::vector<expr::Scratch> programs;
};

/// Compiles the fields of one event type (`fields`: every field in config order; `written`:
/// the indexes of those the encoder writes, in its order) with the run's `seed`. Unknown names,
/// expression errors, results the field cannot hold and cycles are located problems in
/// `diagnostics`, under `path` (the type's path) and at the `expr` they concern.
DerivedPlan compileDerived(const std::vector<const FieldSpec*>& fields,
                           const std::vector<std::string>& paths,
                           const std::vector<std::size_t>& written, uint64_t seed,
                           Diagnostics& diagnostics);

/// The value of program `index` for the event `eventKey`, cast to its field's kind; nulls as the
/// field's null_ratio says.
Value evaluateDerived(const DerivedPlan& plan, std::size_t index, const Value* values,
                      uint64_t eventKey, expr::Scratch& scratch);

/// The key a field with a base column draws on: a function of the base value (and the run's
/// seed) alone, so that equal base values give equal values.
uint64_t baseKey(const DerivedPlan& plan, const Value& base);

/// Computes every field of the event that is not `direct` into `scratch.values` (by slot).
inline void computeDerived(const DerivedPlan& plan, uint64_t eventKey, uint64_t sequence,
                           DerivedScratch& scratch) {
    scratch.values.resize(plan.generators.size());
    scratch.programs.resize(plan.programs.size());
    Value* values = scratch.values.data();
    for (const DerivedPlan::Step& step : plan.steps) {
        if (step.base >= 0) {
            // Whole-number bases count as the sequence, so that `random: false` takes the
            // values in turn by the base value, as dbldatagen does.
            const Value& base = values[step.base];
            if (base.isNull()) {
                values[step.slot] = Value{};
            } else {
                const uint64_t baseSequence =
                    base.type == ValueType::Int ? static_cast<uint64_t>(base.integer) : 0;
                generateValueInto(plan.generators[step.slot], baseKey(plan, base), baseSequence,
                                  values[step.slot]);
            }
        } else if (step.program < 0) {
            generateValueInto(plan.generators[step.slot], eventKey, sequence, values[step.slot]);
        } else {
            const auto program = static_cast<std::size_t>(step.program);
            values[step.slot] =
                evaluateDerived(plan, program, values, eventKey, scratch.programs[program]);
        }
    }
}

} // namespace streamgen
