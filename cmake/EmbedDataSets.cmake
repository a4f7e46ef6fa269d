# Writes OUTPUT, a C++ source holding each resources/data/*.txt file given in INPUTS as a string
# literal, so the runner needs no files beside it. Run at build time (cmake -P) so an edited data
# set is embedded again.
# Each text is followed by kDataSetPadding NUL bytes outside its view, so that generators may
# copy short values in fixed-size pieces.
set(body "// Generated from resources/data by cmake/EmbedDataSets.cmake; edit the .txt files.\n")
string(APPEND body "#include \"engine/data_sets.h\"\n\nnamespace streamgen::detail {\n\n")
string(APPEND body "namespace {\n\n")
set(padding "\"\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"")
set(entries "")
string(REPLACE "|" ";" input_list "${INPUTS}")
foreach(input IN LISTS input_list)
    get_filename_component(name "${input}" NAME_WE)
    file(READ "${input}" text)
    string(FIND "${text}" ")streamgen\"" clash)
    if(NOT clash EQUAL -1)
        message(FATAL_ERROR "${input} contains the raw string delimiter")
    endif()
    string(APPEND body "const char k_${name}[] = R\"streamgen(${text})streamgen\" ${padding};\n")
    string(APPEND entries "        {\"${name}\", {k_${name}, sizeof k_${name} - 1 - kDataSetPadding}},\n")
endforeach()
string(APPEND body "\n} // namespace\n\n")
string(APPEND body "const std::vector<EmbeddedDataSet>& embeddedDataSets() {\n")
string(APPEND body "    static const std::vector<EmbeddedDataSet> sets{\n")
string(APPEND body "${entries}")
string(APPEND body "    };\n    return sets;\n}\n\n} // namespace streamgen::detail\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
