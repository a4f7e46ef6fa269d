#include "encoder_support.h"

#include "engine/encoders/file_framer.h"

namespace streamgen {

namespace encoding {

namespace {

bool isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

} // namespace

void addError(Diagnostics& diagnostics, SourceLocation location, std::string path,
              std::string message) {
    Diagnostic diagnostic;
    diagnostic.location = location;
    diagnostic.path = std::move(path);
    diagnostic.message = std::move(message);
    diagnostics.push_back(std::move(diagnostic));
}

bool isIdentifier(std::string_view name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), isWordChar);
}

namespace {

/// The fields inside structs (at any depth, through arrays and maps) need names too.
void checkNestedNames(const FieldLayout& field, const char* format, Diagnostics& diagnostics) {
    for (const FieldLayout& child : field.children) {
        if (field.storage == ValueStorage::Struct) {
            checkFieldNames(std::vector<FieldLayout>{child}, format, diagnostics, true);
        } else {
            checkNestedNames(child, format, diagnostics);
        }
    }
}

} // namespace

void checkFieldNames(const std::vector<FieldLayout>& fields, const char* format,
                     Diagnostics& diagnostics, bool nested) {
    for (const FieldLayout& field : fields) {
        checkNestedNames(field, format, diagnostics);
        if (!nested && field.name == "event_type_id") {
            addError(diagnostics, field.location, field.path,
                     std::string("field `event_type_id`: the ") + format +
                         " format writes the event type there itself; rename the field");
        } else if (!isIdentifier(field.name)) {
            addError(diagnostics, field.location, field.path,
                     "field `" + field.name + "`: " + format +
                         " field names may only hold letters, digits and `_` and may not start "
                         "with a digit; rename it (e.g. `" +
                         identifierFor(field.name) + "`)");
        }
    }
}

std::string identifierFor(std::string_view text) {
    std::string out;
    if (text.empty() || (text[0] >= '0' && text[0] <= '9')) {
        out.push_back('_');
    }
    for (const char c : text) {
        out.push_back(isWordChar(c) ? c : '_');
    }
    return out;
}

} // namespace encoding

void LineFramer::append(const EventBatch& batch, std::size_t from, std::size_t to,
                        std::string& out) {
    if (from >= to) {
        return;
    }
    const std::string_view data = batch.data();
    const auto begin = static_cast<std::size_t>(batch.payload(from).data() - data.data());
    const std::string_view last = batch.payload(to - 1);
    const auto end = static_cast<std::size_t>(last.data() - data.data()) + last.size() + 1;
    out.append(data.substr(begin, end - begin));
}

} // namespace streamgen
