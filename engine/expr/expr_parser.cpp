// The parser of the expression language: a hand-written Pratt parser over the tokens of
// expr_lexer. It is our own because no library packaged for Debian parses this Spark-SQL-like
// syntax (muparser and its kin are numeric only, without strings or CASE), and the language is
// small enough that a few hundred lines cover it with offsets in every error message.

#include "engine/expr/expr_parser.h"

#include "engine/expr/expr_catalog.h"
#include "engine/expr/expr_lexer.h"

#include <algorithm>
#include <optional>

namespace streamgen::expr::detail {

namespace {

std::string didYouMean(std::string_view name, std::span<const std::string_view> candidates) {
    const std::string closest = closestName(name, candidates);
    return closest.empty() ? "" : "; did you mean " + backticked(closest) + "?";
}

class Parser {
public:
    Parser(std::string_view source, const std::vector<Token>& tokens, std::span<const Input> inputs)
        : m_source(source), m_tokens(tokens), m_inputs(inputs) {}

    Ast parse() {
        if (peek().kind == TokenKind::End) {
            fail(0, "empty expression");
        }
        m_ast.root = parseExpression(0);
        if (peek().kind == TokenKind::RightParen) {
            fail(peek().offset, "unbalanced parentheses: this `)` has no matching `(`");
        }
        if (peek().kind != TokenKind::End) {
            fail(peek().offset,
                 "unexpected " + describe(peek()) + " after the end of the expression");
        }
        std::sort(m_ast.inputsUsed.begin(), m_ast.inputsUsed.end());
        m_ast.inputsUsed.erase(std::unique(m_ast.inputsUsed.begin(), m_ast.inputsUsed.end()),
                               m_ast.inputsUsed.end());
        return std::move(m_ast);
    }

private:
    /// Counts the recursion of parseExpression, through which every nesting passes.
    class DepthGuard {
    public:
        explicit DepthGuard(Parser& parser) : m_parser(parser) {
            // The whole expression is the first entry, not a nesting.
            if (++m_parser.m_depth > Program::kMaxDepth + 1) {
                m_parser.failTooDeep(m_parser.peek().offset);
            }
        }
        ~DepthGuard() { --m_parser.m_depth; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;

    private:
        Parser& m_parser;
    };

    const Token& peek() const { return m_tokens[m_pos]; }

    const Token& advance() {
        const Token& token = m_tokens[m_pos];
        if (token.kind != TokenKind::End) {
            ++m_pos;
        }
        return token;
    }

    [[noreturn]] void fail(std::size_t offset, std::string message) const {
        throw CompileFailure{CompileError{offset, std::move(message)}};
    }

    [[noreturn]] void failTooDeep(std::size_t offset) const {
        fail(offset,
             "the expression nests deeper than " + std::to_string(Program::kMaxDepth) + " levels");
    }

    std::string describe(const Token& token) const {
        if (token.kind == TokenKind::End) {
            return "the end of the expression";
        }
        return backticked(m_source.substr(token.offset, std::min<std::size_t>(token.length, 40)));
    }

    uint32_t add(Node node) {
        for (const uint32_t child : node.children) {
            node.height = std::max(node.height, m_ast.nodes[child].height + 1);
        }
        // Long operator chains build deep trees without deep parser recursion; the type check
        // and lowering recurse over the tree, so its height is bounded too.
        if (node.height > Program::kMaxDepth + 1) {
            failTooDeep(node.at);
        }
        m_ast.nodes.push_back(std::move(node));
        return static_cast<uint32_t>(m_ast.nodes.size() - 1);
    }

    uint32_t parseExpression(int minPower) {
        const DepthGuard guard(*this);
        uint32_t left = parsePrefix();
        for (;;) {
            const Token& token = peek();
            if (isKeyword(token, "is") && kComparisonPower >= minPower) {
                left = parseIsNull(left);
                continue;
            }
            const std::optional<Infix> infix = infixOf(token);
            if (!infix || infix->power < minPower) {
                return left;
            }
            advance();
            const uint32_t right = parseExpression(infix->power + 1);
            Node node;
            node.kind = NodeKind::Binary;
            node.op = static_cast<uint8_t>(infix->op);
            node.start = m_ast.nodes[left].start;
            node.at = token.offset;
            node.children = {left, right};
            left = add(std::move(node));
        }
    }

    uint32_t parseIsNull(uint32_t operand) {
        Node node;
        node.kind = NodeKind::IsNull;
        node.start = m_ast.nodes[operand].start;
        node.at = advance().offset;
        if (isKeyword(peek(), "not")) {
            advance();
            node.negated = true;
        }
        if (!isKeyword(peek(), "null")) {
            fail(peek().offset, "expected NULL after IS, found " + describe(peek()));
        }
        advance();
        node.children = {operand};
        return add(std::move(node));
    }

    uint32_t parsePrefix() {
        const Token& token = advance();
        switch (token.kind) {
        case TokenKind::Integer:
            return literal(token, ResultType::Int);
        case TokenKind::Real:
            return literal(token, ResultType::Double);
        case TokenKind::String:
            return literal(token, ResultType::String);
        case TokenKind::LeftParen:
            return parseParenthesized(token);
        case TokenKind::Minus:
            return unary(token, UnaryOp::Negate, kUnaryOperandPower);
        case TokenKind::Plus:
            return unary(token, UnaryOp::Plus, kUnaryOperandPower);
        case TokenKind::Bang:
            return unary(token, UnaryOp::Not, kNotOperandPower);
        case TokenKind::QuotedIdentifier:
            return column(token);
        case TokenKind::Identifier:
            return parseWord(token);
        default:
            fail(token.offset, "expected an expression, found " + describe(token));
        }
    }

    uint32_t parseWord(const Token& token) {
        if (isKeyword(token, "not")) {
            return unary(token, UnaryOp::Not, kNotOperandPower);
        }
        if (isKeyword(token, "case")) {
            return parseCase(token);
        }
        if (isKeyword(token, "true") || isKeyword(token, "false")) {
            Node node = leaf(NodeKind::Literal, token);
            node.type = ResultType::Bool;
            node.integer = isKeyword(token, "true") ? 1 : 0;
            return add(std::move(node));
        }
        if (isKeyword(token, "null")) {
            return add(leaf(NodeKind::Literal, token));
        }
        if (peek().kind == TokenKind::LeftParen) {
            return isKeyword(token, "cast") ? parseCast(token) : parseCall(token);
        }
        if (isReserved(token)) {
            fail(token.offset, "expected an expression, found " + describe(token));
        }
        return column(token);
    }

    static Node leaf(NodeKind kind, const Token& token) {
        Node node;
        node.kind = kind;
        node.start = token.offset;
        node.at = token.offset;
        return node;
    }

    uint32_t literal(const Token& token, ResultType type) {
        Node node = leaf(NodeKind::Literal, token);
        node.type = type;
        node.integer = token.integer;
        node.real = token.real;
        node.text = token.text;
        return add(std::move(node));
    }

    uint32_t unary(const Token& token, UnaryOp op, int operandPower) {
        const uint32_t operand = parseExpression(operandPower);
        Node& operandNode = m_ast.nodes[operand];
        // A negative number is a literal, so that round(x, -2) sees a constant.
        if (op == UnaryOp::Negate && operandNode.kind == NodeKind::Literal &&
            (operandNode.type == ResultType::Int || operandNode.type == ResultType::Double)) {
            operandNode.integer =
                static_cast<int64_t>(0ULL - static_cast<uint64_t>(operandNode.integer));
            operandNode.real = -operandNode.real;
            operandNode.start = token.offset;
            operandNode.at = token.offset;
            return operand;
        }
        Node node = leaf(NodeKind::Unary, token);
        node.op = static_cast<uint8_t>(op);
        node.children = {operand};
        return add(std::move(node));
    }

    void expectClosing(const Token& open, const std::string& context) {
        if (peek().kind == TokenKind::RightParen) {
            advance();
            return;
        }
        if (peek().kind == TokenKind::End) {
            fail(open.offset, "unbalanced parentheses: this `(` is never closed");
        }
        fail(peek().offset, "expected `)`" + context + ", found " + describe(peek()));
    }

    uint32_t parseParenthesized(const Token& open) {
        const uint32_t inner = parseExpression(0);
        expectClosing(open, "");
        return inner;
    }

    uint32_t column(const Token& token) {
        const std::optional<std::size_t> slot = findInput(token.text);
        if (!slot) {
            std::vector<std::string_view> names;
            for (const Input& input : m_inputs) {
                names.push_back(input.name);
            }
            fail(token.offset,
                 "unknown field " + backticked(token.text) + didYouMean(token.text, names));
        }
        if (const char* refusal = m_inputs[*slot].refusal) {
            fail(token.offset, backticked(token.text) + " " + refusal);
        }
        Node node = leaf(NodeKind::Column, token);
        node.slot = static_cast<uint32_t>(*slot);
        node.type = m_inputs[*slot].type;
        node.text = token.text;
        m_ast.inputsUsed.push_back(*slot);
        return add(std::move(node));
    }

    /// The exact name, else the only input equal to it ignoring case (Spark's default).
    std::optional<std::size_t> findInput(std::string_view name) const {
        std::optional<std::size_t> folded;
        int foldedCount = 0;
        const std::string lower = lowerCase(name);
        for (std::size_t i = 0; i < m_inputs.size(); ++i) {
            if (m_inputs[i].name == name) {
                return i;
            }
            if (lowerCase(m_inputs[i].name) == lower) {
                folded = i;
                ++foldedCount;
            }
        }
        return foldedCount == 1 ? folded : std::nullopt;
    }

    const FunctionInfo& lookUpFunction(const Token& name) const {
        const std::string lower = lowerCase(name.text);
        if (const FunctionInfo* info = findFunction(lower)) {
            return *info;
        }
        fail(name.offset,
             "unknown function " + backticked(name.text) + didYouMean(lower, functionNames()));
    }

    static std::string arityText(const FunctionInfo& info) {
        const auto plural = [](int n) {
            return std::to_string(n) + (n == 1 ? " argument" : " arguments");
        };
        if (info.maxArgs < 0) {
            return "at least " + plural(info.minArgs);
        }
        if (info.minArgs == info.maxArgs) {
            return plural(info.minArgs);
        }
        return std::to_string(info.minArgs) + " or " + plural(info.maxArgs);
    }

    uint32_t parseCall(const Token& name) {
        const FunctionInfo& info = lookUpFunction(name);
        const Token& open = advance();
        Node node = leaf(NodeKind::Call, name);
        node.op = static_cast<uint8_t>(info.function);
        node.text = lowerCase(name.text);
        if (peek().kind != TokenKind::RightParen) {
            for (;;) {
                node.children.push_back(parseExpression(0));
                if (peek().kind != TokenKind::Comma) {
                    break;
                }
                advance();
            }
        }
        expectClosing(open, " or `,` in the arguments of " + backticked(node.text));
        const auto count = static_cast<int>(node.children.size());
        if (count < info.minArgs || (info.maxArgs >= 0 && count > info.maxArgs)) {
            fail(name.offset, backticked(node.text) + " takes " + arityText(info) + ", found " +
                                  std::to_string(count));
        }
        if (info.function == Function::Rand || info.function == Function::Randn) {
            node.integer = m_draws++;
        }
        return add(std::move(node));
    }

    uint32_t parseCast(const Token& name) {
        const Token& open = advance();
        Node node = leaf(NodeKind::Cast, name);
        node.children = {parseExpression(0)};
        if (!isKeyword(peek(), "as")) {
            fail(peek().offset, "expected AS in CAST, found " + describe(peek()));
        }
        advance();
        const Token& typeName = advance();
        const std::optional<ResultType> type = findType(lowerCase(typeName.text));
        if (typeName.kind != TokenKind::Identifier || !type) {
            fail(typeName.offset, "unknown type " + describe(typeName) +
                                      " in CAST; use int, bigint, double, string, boolean, "
                                      "timestamp or date");
        }
        node.op = static_cast<uint8_t>(*type);
        expectClosing(open, " to close CAST");
        return add(std::move(node));
    }

    void expectKeyword(std::string_view keyword, std::string_view upper, const Token& caseToken) {
        if (isKeyword(peek(), keyword)) {
            advance();
            return;
        }
        if (peek().kind == TokenKind::End) {
            fail(caseToken.offset, "this CASE is never finished with END");
        }
        fail(peek().offset,
             "expected " + std::string(upper) + " in CASE, found " + describe(peek()));
    }

    uint32_t parseCase(const Token& caseToken) {
        Node node = leaf(NodeKind::Case, caseToken);
        if (!isKeyword(peek(), "when")) {
            node.hasSubject = true;
            node.children.push_back(parseExpression(0));
        }
        do {
            expectKeyword("when", "WHEN", caseToken);
            node.children.push_back(parseExpression(0));
            expectKeyword("then", "THEN", caseToken);
            node.children.push_back(parseExpression(0));
        } while (isKeyword(peek(), "when"));
        if (isKeyword(peek(), "else")) {
            advance();
            node.hasElse = true;
            node.children.push_back(parseExpression(0));
        }
        expectKeyword("end", "WHEN, ELSE or END", caseToken);
        return add(std::move(node));
    }

    std::string_view m_source;
    const std::vector<Token>& m_tokens;
    std::span<const Input> m_inputs;
    std::size_t m_pos = 0;
    int m_depth = 0;
    int64_t m_draws = 0;
    Ast m_ast;
};

} // namespace

std::variant<Ast, CompileError> parse(std::string_view source, std::span<const Input> inputs) {
    auto tokens = tokenize(source);
    if (auto* error = std::get_if<CompileError>(&tokens)) {
        return std::move(*error);
    }
    try {
        return Parser(source, std::get<std::vector<Token>>(tokens), inputs).parse();
    } catch (CompileFailure& failure) {
        return std::move(failure.error);
    }
}

} // namespace streamgen::expr::detail
