import Concise
@testable import Concise
import Testing

/// Tag 35's patterns checked as Python 3.11's `re.compile` checks them. The conformance suite
/// holds 433 patterns with cbor2's verdicts; these are what it cannot show.
struct PythonRegexSyntaxTests {
    @Test("a refused pattern's error names Python's reason and where, as Python's re.error does")
    func message() throws {
        // 35("a{2,1}")
        let error = try #require(throws: CBORError.self) { try CBORDecoder().decode(from: [0xd8, 0x23, 0x66] + Array("a{2,1}".utf8)) }
        #expect(error.code == .invalidTagContent)
        #expect(error.offset == 0)
        #expect(error.message.hasSuffix("compiles: min repeat greater than max repeat at position 2"))
        #expect(PythonRegexSyntax.failure(text: "ab(") == .init(message: "missing ), unterminated subpattern", position: 2))
        #expect(PythonRegexSyntax.failure(text: "a)") == .init(message: "unbalanced parenthesis", position: 1))
        #expect(PythonRegexSyntax.failure(text: "a\\") == .init(message: "bad escape (end of pattern)", position: 1))
        #expect(PythonRegexSyntax.failure(text: "(?P<a>x)(?P<a>y)")
            == .init(message: "redefinition of group name 'a' as group 2; was group 1", position: 12))
        #expect(PythonRegexSyntax.failure(text: "[\\d-z]") == .init(message: "bad character range \\d-z", position: 1))
        // Errors of compiling, after parsing, name no position.
        #expect(PythonRegexSyntax.failure(text: "(?<=a|bc)") == .init(message: "look-behind requires fixed-width pattern", position: nil))
    }

    @Test("nesting deeper than Python's recursion allows is refused without deep recursion here")
    func deepNesting() {
        let deep = String(repeating: "(", count: 200_000) + String(repeating: ")", count: 200_000)
        #expect(PythonRegexSyntax.failure(text: deep)?.message == "maximum recursion depth exceeded")
        let conditionals = "(a)" + String(repeating: "(?(1)", count: 200_000)
        #expect(PythonRegexSyntax.failure(text: conditionals)?.message == "maximum recursion depth exceeded")
        #expect(PythonRegexSyntax.failure(text: String(repeating: "(", count: 400) + String(repeating: ")", count: 400)) == nil)
    }

    @Test("look-behinds must have one width, which references and conditionals take part in")
    func lookbehindWidth() {
        #expect(PythonRegexSyntax.failure(text: "(ab)(?<=\\1c)") == nil)
        #expect(PythonRegexSyntax.failure(text: "(ab|c)(?<=\\1)")?.message == "look-behind requires fixed-width pattern")
        #expect(PythonRegexSyntax.failure(text: "(a)(?<=(?(1)b|c))") == nil)
        #expect(PythonRegexSyntax.failure(text: "(a)(?<=(?(1)b))")?.message == "look-behind requires fixed-width pattern")
        #expect(PythonRegexSyntax.failure(text: "(?<=a{2}(?:bc){3})") == nil)
    }

    @Test("\\N{…} takes names, aliases and algorithmic names of Unicode 14 in any ASCII case")
    func characterNames() {
        #expect(PythonUnicodeNames.scalar(named: Array("em dash".unicodeScalars.map(\.value))) == 0x2014)
        #expect(PythonUnicodeNames.scalar(named: Array("NBSP".unicodeScalars.map(\.value))) == 0xa0)
        #expect(PythonUnicodeNames.scalar(named: Array("CJK UNIFIED IDEOGRAPH-4E00".unicodeScalars.map(\.value))) == 0x4e00)
        #expect(PythonUnicodeNames.scalar(named: Array("CJK UNIFIED IDEOGRAPH-4e00".unicodeScalars.map(\.value))) == nil)
        #expect(PythonUnicodeNames.scalar(named: Array("HANGUL SYLLABLE GA".unicodeScalars.map(\.value))) == 0xac00)
        #expect(PythonUnicodeNames.scalar(named: Array("DIGIT ONEX".unicodeScalars.map(\.value))) == nil)
        // Unicode 15 (after Python 3.11's database): U+1F6DC WIRELESS.
        #expect(PythonUnicodeNames.scalar(named: Array("WIRELESS".unicodeScalars.map(\.value))) == nil)
    }

    @Test("conditional group numbers read as Python's int() reads text")
    func integerText() {
        func value(_ text: String) -> Int? { PythonIntegerText.value(of: text.unicodeScalars.map(\.value)) }
        #expect(value(" +1_0\u{a0}") == 10)
        #expect(value("\u{663}") == 3)
        #expect(value("-0") == 0)
        #expect(value("1__0") == nil)
        #expect(value("_1") == nil)
        #expect(value("1_") == nil)
        #expect(value("") == nil)
        #expect(value("99999999999999999999999") == Int.max)
    }
}
