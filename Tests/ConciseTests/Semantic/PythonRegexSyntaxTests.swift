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

    @Test("group names and flags use Python 3.11's character tables: Unicode 14, isalpha by category")
    func characterTables() {
        // Unicode 15.1 added U+200C, U+200D, U+30FB and U+FF65 to XID_Continue; Unicode 15
        // added Nag Mundari (U+1E4D0); Python 3.11 takes none of them in a name.
        #expect(PythonRegexSyntax.failure(text: "(?P<a\u{200c}>x)") == .init(message: "bad character in group name 'a\\u200c'", position: 4))
        #expect(PythonRegexSyntax.failure(text: "(?P<a\u{30fb}>x)") == .init(message: "bad character in group name 'a\u{30fb}'", position: 4))
        #expect(PythonRegexSyntax.failure(text: "(?(a\u{200d})b)")?.message.hasPrefix("bad character in group name") == true)
        #expect(PythonRegexSyntax.failure(text: "(?P<\u{1e4d0}>x)")?.message.hasPrefix("bad character in group name") == true)
        #expect(PythonRegexSyntax.failure(text: "(?P<a\u{345}>x)") == nil)
        // str.isalpha is the letter categories: U+0345 and U+16EE are Alphabetic but not letters.
        #expect(PythonRegexSyntax.failure(text: "(?i\u{345})") == .init(message: "missing -, : or )", position: 3))
        #expect(PythonRegexSyntax.failure(text: "(?i\u{16ee})") == .init(message: "missing -, : or )", position: 3))
        #expect(PythonRegexSyntax.failure(text: "(?i\u{e9})") == .init(message: "unknown flag", position: 3))
        #expect(PythonRegexSyntax.failure(text: "(?i-\u{345}:x)") == .init(message: "missing flag", position: 4))
        #expect(PythonRegexSyntax.failure(text: "(?i-\u{e9}:x)") == .init(message: "unknown flag", position: 4))
        #expect(PythonRegexSyntax.failure(text: "(?-i\u{345}:x)") == .init(message: "missing :", position: 4))
    }

    @Test("a dangling backslash fails once the token before it is taken (Python reads a token ahead); an unbalanced ) ends the parse")
    func danglingBackslash() {
        // re.compile(p) for each pattern, Python 3.11: the error and its position.
        let cases: [(String, String, Int)] = [
            ("*\\", "bad escape (end of pattern)", 1),  // not "nothing to repeat"
            ("a{1\\", "bad escape (end of pattern)", 3),
            ("a{1,\\", "bad escape (end of pattern)", 4),
            ("(?!<<\\x4\\", "bad escape (end of pattern)", 8),  // not "incomplete escape \x4"
            ("(?P<a\\", "bad escape (end of pattern)", 5),
            ("[a\\", "bad escape (end of pattern)", 2),
            ("\\", "bad escape (end of pattern)", 0),
            ("a)\\", "unbalanced parenthesis", 1),  // found before ")" is taken
            // The parse stops at an unbalanced ")"; the flags read before it are checked first.
            ("(?a)a)(?u)", "unbalanced parenthesis", 5),
            ("(?(2)a))", "unbalanced parenthesis", 7),
        ]
        for (pattern, message, position) in cases {
            #expect(PythonRegexSyntax.failure(text: pattern) == .init(message: message, position: position), "\(pattern)")
        }
        #expect(PythonRegexSyntax.failure(text: "(?a)(?u))") == .init(message: "ASCII and UNICODE flags are incompatible", position: nil))
        #expect(PythonRegexSyntax.failure(bytes: Array("(?L)a)".utf8)) == .init(message: "unbalanced parenthesis", position: 5))
    }

    @Test("names in messages are quoted as Python's repr quotes them")
    func repr() {
        func quoted(_ text: String) -> String { PythonRegexSyntax.quoted(text.unicodeScalars.map(\.value)) }
        // repr('é'), repr("a'b"), repr('a\'"b'), repr('\t\n\r\x7f\\'), repr('\u200c\xad\u3000'),
        // repr('\U0001e4d0'): unassigned in Unicode 14, so not printable in Python 3.11.
        #expect(quoted("\u{e9}") == "'\u{e9}'")
        #expect(quoted("a'b") == "\"a'b\"")
        #expect(quoted("a'\"b") == "'a\\'\"b'")
        #expect(quoted("\t\n\r\u{7f}\\") == "'\\t\\n\\r\\x7f\\\\'")
        #expect(quoted("\u{200c}\u{ad}\u{3000}") == "'\\u200c\\xad\\u3000'")
        #expect(quoted("\u{1e4d0}") == "'\\U0001e4d0'")
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
