#include "field_kind.h"

namespace streamgen {

namespace {

/// The most of each count: enough for any realistic text, few enough that one value stays
/// far below a message's size limit.
constexpr int64_t kMaxParagraphs = 20;
constexpr int64_t kMaxSentences = 50;
constexpr int64_t kMaxWords = 100;

FieldOption countOption(const char* name, const char* help, const char* defaultText, int64_t most,
                        int64_t FieldSpec::*min, int64_t FieldSpec::*max,
                        SourceLocation FieldSpec::*location) {
    return {
        .name = name,
        .type = FieldOptionType::IntegerRange,
        .help = help,
        .defaultText = defaultText,
        .member = RangeMembers<int64_t>{min, max},
        .location = location,
        .bounds = OptionBounds{0.0, static_cast<double>(most)},
        .summaryLabel = name,
    };
}

} // namespace

const FieldKind& loremKind() {
    static const FieldKind kind{
        .type = FieldType::Lorem,
        .name = "lorem",
        .aliases = {"lorem_ipsum", "iltext"},
        .help = "lorem ipsum text as dbldatagen's ILText: paragraphs of sentences of words, "
                "each count drawn around the middle of its range",
        .summary = "lorem ipsum",
        .options =
            {
                countOption("paragraphs", "how many paragraphs, [min, max]", "[1, 1]",
                            kMaxParagraphs, &FieldSpec::paragraphsMin, &FieldSpec::paragraphsMax,
                            &FieldSpec::paragraphsLocation),
                countOption("sentences", "how many sentences in each paragraph, [min, max]",
                            "[1, 1]", kMaxSentences, &FieldSpec::sentencesMin,
                            &FieldSpec::sentencesMax, &FieldSpec::sentencesLocation),
                countOption("words", "how many words in each sentence, [min, max]", "[2, 12]",
                            kMaxWords, &FieldSpec::wordsMin, &FieldSpec::wordsMax,
                            &FieldSpec::wordsLocation),
            },
        .storageOf = [](const FieldSpec&) { return ValueStorage::String; },
    };
    return kind;
}

} // namespace streamgen
