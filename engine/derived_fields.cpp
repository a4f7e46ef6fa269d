#include "derived_fields.h"

#include "engine/hash.h"
#include "engine/nested_values.h"
#include "model/kinds/field_kinds.h"
#include "model/kinds/nested_kinds.h"
#include "model/validator.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

namespace streamgen {

namespace {

using expr::ResultType;

ResultType inputType(ValueStorage storage) {
    switch (storage) {
    case ValueStorage::Int32:
    case ValueStorage::Int64:
        return ResultType::Int;
    case ValueStorage::Float32:
    case ValueStorage::Float64:
        return ResultType::Double;
    case ValueStorage::Boolean:
        return ResultType::Bool;
    case ValueStorage::Timestamp:
        return ResultType::Timestamp;
    case ValueStorage::Date:
        return ResultType::Date;
    default:
        break;
    }
    return ResultType::String;
}

/// Whether a result of type `result` can become a value stored as `storage`.
bool fits(ResultType result, ValueStorage storage) {
    if (result == ResultType::Null) {
        return true;
    }
    switch (storage) {
    case ValueStorage::Int32:
    case ValueStorage::Int64:
        return result == ResultType::Int || result == ResultType::Double ||
               result == ResultType::Bool;
    case ValueStorage::Float32:
    case ValueStorage::Float64:
        return result == ResultType::Int || result == ResultType::Double;
    case ValueStorage::Boolean:
        return result == ResultType::Bool;
    case ValueStorage::Timestamp:
        return result == ResultType::Timestamp || result == ResultType::Int;
    case ValueStorage::Date:
        return result == ResultType::Date || result == ResultType::Int;
    case ValueStorage::String:
        return result == ResultType::String;
    default:
        return false;
    }
}

double asDouble(const Value& v) {
    switch (v.type) {
    case ValueType::Int:
    case ValueType::Bool:
        return static_cast<double>(v.integer);
    case ValueType::Decimal:
        return decimalValue(v);
    default:
        return v.real;
    }
}

class Compiler {
public:
    Compiler(const std::vector<const FieldSpec*>& fields, const std::vector<std::string>& paths,
             Diagnostics& diagnostics)
        : m_fields(fields), m_paths(paths), m_diagnostics(diagnostics) {
        for (const FieldSpec* field : fields) {
            m_inputs.push_back({field->name, inputType(fieldKind(field->type).storage(*field)),
                                isNested(field->type)
                                    ? "is a struct, array or map, which expressions cannot read"
                                    : nullptr});
        }
    }

    /// Compiles every `expr`; `programOf[slot]` is its program or -1; `reads[slot]` its inputs.
    void compilePrograms(DerivedPlan& plan, std::vector<int>& programOf,
                         std::vector<std::vector<std::size_t>>& reads) {
        for (std::size_t slot = 0; slot < m_fields.size(); ++slot) {
            const FieldSpec& field = *m_fields[slot];
            if (field.expr.empty()) {
                continue;
            }
            auto compiled =
                expr::Program::compile(field.expr, m_inputs, hash::ofString(field.name));
            if (const auto* error = std::get_if<expr::CompileError>(&compiled)) {
                report(slot, error->offset, "expr: " + error->message);
                continue;
            }
            expr::Program& program = std::get<expr::Program>(compiled);
            const ValueStorage storage = fieldKind(field.type).storage(field);
            if (!fits(program.resultType(), storage)) {
                report(slot, 0,
                       "expr gives " + std::string(expr::typeName(program.resultType())) +
                           " values, which a " + fieldTypeName(field.type) + " field cannot hold" +
                           (storage == ValueStorage::String
                                ? "; use concat(...) or cast(... as string)"
                                : ""));
                continue;
            }
            programOf[slot] = static_cast<int>(plan.programs.size());
            reads[slot] = program.inputsUsed();
            plan.targets.push_back({storage, field.precision.value_or(-1), field.nullRatio,
                                    hash::ofString(field.name)});
            plan.programs.push_back(std::move(program));
        }
    }

    /// Resolves every `base_column` (of fields without an `expr`, which reads what it names);
    /// `baseOf[slot]` is the base's slot or -1.
    void resolveBases(std::vector<int>& baseOf, std::vector<std::vector<std::size_t>>& reads) {
        for (std::size_t slot = 0; slot < m_fields.size(); ++slot) {
            const FieldSpec& field = *m_fields[slot];
            if (field.baseColumn.empty() || !field.expr.empty()) {
                continue;
            }
            const auto found =
                std::find_if(m_fields.begin(), m_fields.end(),
                             [&](const FieldSpec* f) { return f->name == field.baseColumn; });
            if (found == m_fields.end()) {
                std::vector<std::string> names;
                for (const FieldSpec* f : m_fields) {
                    names.push_back(f->name);
                }
                const std::string near = nearestName(field.baseColumn, names);
                reportAt(slot, field.baseColumnLocation, ".base_column",
                         "base_column: unknown field `" + field.baseColumn + "`" +
                             (near.empty() ? "" : "; did you mean `" + near + "`?"));
                continue;
            }
            const auto base = static_cast<std::size_t>(found - m_fields.begin());
            if (isNested(m_fields[base]->type)) {
                reportAt(slot, field.baseColumnLocation, ".base_column",
                         "base_column: `" + field.baseColumn +
                             "` is a struct, array or map; a base is a plain value");
                continue;
            }
            baseOf[slot] = static_cast<int>(base);
            reads[slot] = {base};
        }
    }

    /// Orders the fields so that each comes after what it reads (Kahn's algorithm, taking the
    /// lowest slot first so that the order is stable); a cycle is a problem at its first field.
    void order(DerivedPlan& plan, const std::vector<int>& programOf, const std::vector<int>& baseOf,
               const std::vector<std::vector<std::size_t>>& reads) {
        const std::size_t n = m_fields.size();
        std::vector<std::size_t> pending(n, 0);
        std::vector<std::vector<std::size_t>> readers(n);
        for (std::size_t slot = 0; slot < n; ++slot) {
            pending[slot] = reads[slot].size();
            for (std::size_t input : reads[slot]) {
                readers[input].push_back(slot);
            }
        }
        std::vector<bool> done(n, false);
        for (std::size_t placed = 0; placed < n; ++placed) {
            std::size_t next = n;
            for (std::size_t slot = 0; slot < n && next == n; ++slot) {
                next = !done[slot] && pending[slot] == 0 ? slot : n;
            }
            if (next == n) {
                reportCycle(done, reads);
                return;
            }
            done[next] = true;
            plan.steps.push_back({static_cast<uint32_t>(next), programOf[next], baseOf[next]});
            for (std::size_t reader : readers[next]) {
                --pending[reader];
            }
        }
    }

private:
    void report(std::size_t slot, std::size_t offset, std::string message) {
        if (m_fields[slot]->expr.empty()) {
            // A field in a cycle without an expr is in it by its base column.
            reportAt(slot, m_fields[slot]->baseColumnLocation, ".base_column", std::move(message));
            return;
        }
        SourceLocation where = m_fields[slot]->exprLocation;
        if (where.known()) {
            where.column += static_cast<int>(offset);
        }
        reportAt(slot, where, ".expr", std::move(message));
    }

    void reportAt(std::size_t slot, SourceLocation where, const char* key, std::string message) {
        Diagnostic diagnostic;
        diagnostic.location = where;
        diagnostic.path = m_paths[slot] + key;
        diagnostic.message = std::move(message);
        m_diagnostics.push_back(std::move(diagnostic));
    }

    void reportCycle(const std::vector<bool>& done,
                     const std::vector<std::vector<std::size_t>>& reads) {
        // Walk from the first field left until a field repeats: that loop is the cycle.
        std::size_t slot = 0;
        while (done[slot]) {
            ++slot;
        }
        std::vector<std::size_t> path;
        std::vector<bool> seen(m_fields.size(), false);
        while (!seen[slot]) {
            seen[slot] = true;
            path.push_back(slot);
            for (std::size_t input : reads[slot]) {
                if (!done[input]) {
                    slot = input;
                    break;
                }
            }
        }
        std::string names;
        bool inCycle = false;
        for (std::size_t at : path) {
            inCycle = inCycle || at == slot;
            if (inCycle) {
                names += "`" + m_fields[at]->name + "` reads ";
            }
        }
        report(slot, 0,
               "fields read each other in a circle: " + names + "`" + m_fields[slot]->name + "`");
    }

    const std::vector<const FieldSpec*>& m_fields;
    const std::vector<std::string>& m_paths;
    Diagnostics& m_diagnostics;
    std::vector<expr::Input> m_inputs;
};

} // namespace

DerivedPlan compileDerived(const std::vector<const FieldSpec*>& fields,
                           const std::vector<std::string>& paths,
                           const std::vector<std::size_t>& written, uint64_t seed,
                           Diagnostics& diagnostics) {
    DerivedPlan plan;
    for (const FieldSpec* field : fields) {
        plan.generators.push_back(compileValue(*field, seed));
        plan.generators.back().textSlot = static_cast<uint32_t>(plan.generators.size() - 1);
        setNestedTextSlot(plan.generators.back(), static_cast<uint32_t>(fields.size()));
    }
    plan.baseStream = hash::mix(seed ^ 0xBA5EC01ULL);
    std::vector<int> programOf(fields.size(), -1);
    std::vector<int> baseOf(fields.size(), -1);
    std::vector<std::vector<std::size_t>> reads(fields.size());
    Compiler compiler(fields, paths, diagnostics);
    compiler.compilePrograms(plan, programOf, reads);
    compiler.resolveBases(baseOf, reads);
    compiler.order(plan, programOf, baseOf, reads);
    plan.direct.assign(fields.size(), 0);
    std::vector<bool> read(fields.size(), false);
    for (const std::vector<std::size_t>& inputs : reads) {
        for (const std::size_t input : inputs) {
            read[input] = true;
        }
    }
    for (std::size_t slot : written) {
        plan.written.push_back(static_cast<uint32_t>(slot));
        plan.direct[slot] = programOf[slot] < 0 && baseOf[slot] < 0 && !read[slot] ? 1 : 0;
    }
    std::erase_if(plan.steps,
                  [&](const DerivedPlan::Step& step) { return plan.direct[step.slot]; });
    return plan;
}

uint64_t baseKey(const DerivedPlan& plan, const Value& base) {
    uint64_t bits = 0;
    switch (base.type) {
    case ValueType::String:
        bits = hash::ofString(base.text);
        break;
    case ValueType::Uuid:
        bits = hash::mix(base.high) ^ base.low;
        break;
    case ValueType::Float32:
    case ValueType::Float64:
    case ValueType::Decimal:
        std::memcpy(&bits, &base.real, sizeof bits);
        break;
    default:
        bits = static_cast<uint64_t>(base.integer);
        break;
    }
    return hash::eventKey(plan.baseStream, bits);
}

Value evaluateDerived(const DerivedPlan& plan, std::size_t index, const Value* values,
                      uint64_t eventKey, expr::Scratch& scratch) {
    const DerivedPlan::Target& target = plan.targets[index];
    if (target.nullRatio > 0.0 &&
        hash::unit(hash::draw(eventKey, target.salt, detail::kNullDraw)) < target.nullRatio) {
        return {};
    }
    const Value result = plan.programs[index].evaluate(values, eventKey, scratch);
    if (result.isNull()) {
        return result;
    }
    Value v;
    switch (target.storage) {
    case ValueStorage::Int32:
    case ValueStorage::Int64: {
        // Spark casts a fraction to a whole number by dropping the fraction.
        const double real = asDouble(result);
        if (result.type == ValueType::Float64 && !std::isfinite(real)) {
            return {};
        }
        v.type = ValueType::Int;
        v.integer = result.type == ValueType::Float64 ? static_cast<int64_t>(std::trunc(real))
                                                      : result.integer;
        return v;
    }
    case ValueStorage::Float32:
    case ValueStorage::Float64: {
        const double real = asDouble(result);
        if (target.precision >= 0) {
            v.type = ValueType::Decimal;
            v.scale = static_cast<uint8_t>(target.precision);
            v.real = std::round(real * decimalScale(target.precision));
        } else {
            v.type =
                target.storage == ValueStorage::Float32 ? ValueType::Float32 : ValueType::Float64;
            v.real = target.storage == ValueStorage::Float32
                         ? static_cast<double>(static_cast<float>(real))
                         : real;
        }
        return v;
    }
    case ValueStorage::Timestamp:
        v.type = ValueType::Timestamp;
        v.integer = result.integer;
        return v;
    case ValueStorage::Date:
        v.type = ValueType::Date;
        v.integer = result.integer;
        return v;
    default:
        break;
    }
    return result;
}

} // namespace streamgen
