/// Whether Python 3.11's `re.compile` accepts a pattern, as cbor2 finds out when it decodes
/// tag 35: the checks of `re._parser` (escapes, sets, repeats, groups, names, references,
/// conditionals, inline flags) and the two of `re._compiler` (look-behinds of fixed width,
/// no repeat under the template flag). It builds nothing: it follows the parse with a stack of
/// open groups (no recursion, so no input can exhaust the stack) and the width of each
/// sequence, which look-behinds and references need.
///
/// Python's parser recurses twice per group and once per conditional and stops at its
/// recursion limit; nesting that would pass about 990 such calls is refused here too.
struct PythonRegexSyntax {
    /// Why Python refuses a pattern: its message and the position (in characters) it names,
    /// if it names one.
    struct Failure: Error, Equatable {
        var message: String
        var position: Int?
    }

    /// The reason Python refuses `pattern`, or `nil` when it compiles it.
    static func failure(text pattern: String) -> Failure? {
        var parser = PythonRegexSyntax(Array(pattern.unicodeScalars.map(\.value)), isText: true)
        return parser.check()
    }

    /// The reason Python refuses the bytes `pattern`, or `nil` when it compiles it.
    static func failure(bytes pattern: [UInt8]) -> Failure? {
        var parser = PythonRegexSyntax(pattern.map(UInt32.init), isText: false)
        return parser.check()
    }

    // MARK: Tokens

    /// A character, or a backslash and the character after it (Python's two-character token).
    private struct Token: Equatable {
        var value: UInt32
        var isEscape: Bool
        /// Where the token starts in the pattern.
        var position: Int

        /// The token as Python's messages quote it.
        var text: String { (isEscape ? "\\" : "") + String(Character(PythonRegexSyntax.scalar(value))) }
        /// Its length in characters.
        var length: Int { isEscape ? 2 : 1 }
    }

    private var tokens: [Token] = []
    /// Where the pattern ends a backslash with nothing after it.
    private var danglingBackslash: Int?
    private var index = 0
    private let isText: Bool
    private let patternLength: Int

    private init(_ scalars: [UInt32], isText: Bool) {
        self.isText = isText
        patternLength = scalars.count
        tokens.reserveCapacity(scalars.count)
        var position = 0
        while position < scalars.count {
            if scalars[position] == 0x5c {
                guard position + 1 < scalars.count else {
                    danglingBackslash = position
                    break
                }
                tokens.append(Token(value: scalars[position + 1], isEscape: true, position: position))
                position += 2
            } else {
                tokens.append(Token(value: scalars[position], isEscape: false, position: position))
                position += 1
            }
        }
    }

    /// The next token, `nil` at the end (or at a dangling backslash, which is an error).
    private var next: Token? { index < tokens.count ? tokens[index] : nil }

    /// Where the next token starts.
    private var position: Int { next?.position ?? patternLength }

    /// Whether the next token is the plain character `character`.
    private func nextIs(_ character: Unicode.Scalar) -> Bool {
        guard let token = next else { return false }
        return !token.isEscape && token.value == character.value
    }

    /// Moves past the next token. Python's tokenizer reads the token after the one it hands
    /// out at once, so a dangling backslash is an error as soon as the token before it is
    /// taken, whatever the parser would have found wrong after it.
    private mutating func advance() throws {
        index += 1
        if index == tokens.count, let dangling = danglingBackslash {
            throw Failure(message: "bad escape (end of pattern)", position: dangling)
        }
    }

    /// Takes the next token when it is the plain character `character`.
    private mutating func match(_ character: Unicode.Scalar) throws -> Bool {
        guard nextIs(character) else { return false }
        try advance()
        return true
    }

    /// Takes the next token (``next`` before).
    private mutating func get() throws -> Token? {
        guard let token = next else {
            if let dangling = danglingBackslash { throw Failure(message: "bad escape (end of pattern)", position: dangling) }
            return nil
        }
        try advance()
        return token
    }

    /// Takes up to `count` plain characters that satisfy `accepts`.
    private mutating func take(upTo count: Int, _ accepts: (UInt32) -> Bool) throws -> [UInt32] {
        var taken: [UInt32] = []
        while taken.count < count, let token = next, !token.isEscape, accepts(token.value) {
            taken.append(token.value)
            try advance()
        }
        return taken
    }

    /// The characters up to `terminator` (Python's `getuntil`), past it.
    private mutating func characters(until terminator: Unicode.Scalar, naming what: String) throws -> [UInt32] {
        var result: [UInt32] = []
        while true {
            guard let token = try get() else {
                throw result.isEmpty ? fail("missing \(what)") : fail("missing \(terminator), unterminated name", back: result.count)
            }
            if !token.isEscape, token.value == terminator.value {
                guard !result.isEmpty else { throw fail("missing \(what)", back: 1) }
                return result
            }
            if token.isEscape { result.append(0x5c) }
            result.append(token.value)
        }
    }

    /// A failure `offset` characters before the next token (Python's `source.error(msg, offset)`).
    private func fail(_ message: String, back offset: Int = 0) -> Failure {
        Failure(message: message, position: position - offset)
    }

    /// `text` as Python's `repr` writes a string, as `re`'s messages quote names.
    static func quoted(_ text: [UInt32]) -> String {
        // Double quotes when the text has a single quote and no double quote, as repr does.
        let quote: UInt32 = text.contains(0x27) && !text.contains(0x22) ? 0x22 : 0x27
        let body = text.map { value -> String in
            switch value {
            case 0x5c, quote: return "\\" + String(Character(scalar(value)))
            case 0x09: return "\\t"
            case 0x0a: return "\\n"
            case 0x0d: return "\\r"
            case 0x20..<0x7f: return String(Character(scalar(value)))
            case _ where value > 0x7f && scalar(value).isPythonPrintable: return String(Character(scalar(value)))
            case ..<0x100: return "\\x" + hex(value, digits: 2)
            case ..<0x10000: return "\\u" + hex(value, digits: 4)
            default: return "\\U" + hex(value, digits: 8)
            }
        }
        let mark = String(Character(scalar(quote)))
        return mark + body.joined() + mark
    }

    /// `value` in lowercase hexadecimal, zero-padded to `digits`.
    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    // MARK: Widths

    /// Python's `MAXREPEAT` (repeat counts stay below it) and `MAXCODE` (the widest look-behind).
    private static let maxRepeat: UInt64 = 4_294_967_295
    private static let maxCode: UInt64 = 4_294_967_295
    /// Python's `MAXGROUPS`.
    private static let maxGroups = 1_073_741_823
    /// Python recursion the parse may take (two calls a group, one a conditional).
    private static let recursionBudget = 990

    /// The fewest and most characters a part of the pattern matches (Python caps both at 2^64;
    /// here they saturate at `UInt64.max`).
    private struct Width {
        var low: UInt64 = 0
        var high: UInt64 = 0

        static let zero = Width()
        static let one = Width(low: 1, high: 1)

        static func + (lhs: Width, rhs: Width) -> Width {
            Width(low: lhs.low.addingSaturated(rhs.low), high: lhs.high.addingSaturated(rhs.high))
        }
    }

    /// The last item of a sequence, which a repeat applies to.
    private enum Last {
        /// None yet: a repeat here has nothing to repeat.
        case none
        /// An anchor (`^`, `$`, `\A`, `\b`, `\B`, `\Z`): nothing to repeat either.
        case anchor
        /// A repeat: another one is a multiple repeat.
        case repeated(Width)
        /// Anything else, of this width.
        case item(Width)
    }

    /// One alternative being read: the width of its items before the last, and the last.
    private struct Sequence {
        var width = Width.zero
        var last = Last.none
        /// Whether it holds any item (global flags count only at the very start).
        var isEmpty = true

        var total: Width {
            switch last {
            case .none, .anchor: return width
            case .repeated(let item), .item(let item): return width + item
            }
        }

        mutating func append(_ item: Last) {
            width = total
            last = item
            isEmpty = false
        }
    }

    private enum GroupKind {
        case top
        case capturing(Int)
        case plain
        case atomic
        case lookahead
        case lookbehind(outermost: Bool)
        case conditional

        var isConditional: Bool {
            if case .conditional = self { return true }
            return false
        }
    }

    /// An open group and what has been read inside it.
    private struct Frame {
        var kind: GroupKind
        var verbose: Bool
        /// Whether this is the top level's first alternative (where global flags may stand).
        var first: Bool
        /// The alternatives before the one being read: how many, and the narrowest to the widest.
        var alternatives = 0
        var alternation: Width?
        var sequence = Sequence()
        /// Where its `(` is.
        var start: Int
        var cost: Int
    }

    private var groupWidths: [Width?] = [nil]
    private var groupNames: [[UInt32]: Int] = [:]
    private var lookbehindGroups: Int?
    private var conditionalReferences: [(group: Int, position: Int)] = []
    private var flags: Flags = []
    private var sawRepeat = false
    /// The first error of compiling (after parsing, in Python): reported when parsing passes.
    private var compileFailure: Failure?
    private var frames: [Frame] = []

    private struct Flags: OptionSet {
        let rawValue: Int
        static let template = Flags(rawValue: 1)
        static let ignoreCase = Flags(rawValue: 2)
        static let locale = Flags(rawValue: 4)
        static let multiline = Flags(rawValue: 8)
        static let dotAll = Flags(rawValue: 16)
        static let unicode = Flags(rawValue: 32)
        static let verbose = Flags(rawValue: 64)
        static let ascii = Flags(rawValue: 256)
        static let types: Flags = [.ascii, .locale, .unicode]

        init(rawValue: Int) { self.rawValue = rawValue }

        init?(letter: UInt32) {
            switch letter {
            case 0x69: self = .ignoreCase  // i
            case 0x4c: self = .locale  // L
            case 0x6d: self = .multiline  // m
            case 0x73: self = .dotAll  // s
            case 0x78: self = .verbose  // x
            case 0x61: self = .ascii  // a
            case 0x74: self = .template  // t
            case 0x75: self = .unicode  // u
            default: return nil
            }
        }
    }

    // MARK: Parsing

    private mutating func check() -> Failure? {
        do {
            try parse()
            return compileFailure
        } catch let failure as Failure {
            return failure
        } catch {
            return Failure(message: "\(error)", position: nil)
        }
    }

    private mutating func parse() throws {
        frames = [Frame(kind: .top, verbose: false, first: true, start: 0, cost: 0)]
        while true {
            // Python's parse stops at an unbalanced ")" without taking it (a dangling backslash
            // after it is never reached), and refuses it after checking the flags.
            if frames.count == 1, nextIs(")") { break }
            guard let token = try get() else { break }
            if token.isEscape {
                try escape(token)
                continue
            }
            if frames[frames.count - 1].verbose {
                if [0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c].contains(token.value) { continue }
                if token.value == 0x23 {  // a comment, to the end of the line
                    while let comment = try get(), comment.isEscape || comment.value != 0x0a {}
                    continue
                }
            }
            switch Self.scalar(token.value) {
            case "|": try alternative()
            case ")": try closeGroup(at: token.position)
            case "[": try set(at: token.position)
            case "*": try repeatLast(minimum: 0, maximum: Self.maxRepeat, at: token.position)
            case "+": try repeatLast(minimum: 1, maximum: Self.maxRepeat, at: token.position)
            case "?": try repeatLast(minimum: 0, maximum: 1, at: token.position)
            case "{": try brace(at: token.position)
            case "(": try openGroup(at: token.position)
            case "^", "$": append(.anchor)
            default: append(.item(.one))
            }
        }
        guard frames.count == 1 else {
            throw Failure(message: "missing ), unterminated subpattern", position: frames[frames.count - 1].start)
        }
        try checkFlags()
        if nextIs(")") { throw Failure(message: "unbalanced parenthesis", position: position) }
        for reference in conditionalReferences where reference.group >= groupWidths.count {
            throw Failure(message: "invalid group reference \(reference.group)", position: reference.position)
        }
        if flags.contains(.template), sawRepeat, compileFailure == nil {
            compileFailure = Failure(message: "internal: unsupported template operator MAX_REPEAT", position: nil)
        }
    }

    private mutating func append(_ item: Last) {
        frames[frames.count - 1].sequence.append(item)
    }

    /// `|`, the token before the next: the alternative read so far ends.
    private mutating func alternative() throws {
        var frame = frames[frames.count - 1]
        if case .conditional = frame.kind {
            guard frame.alternatives == 0 else { throw fail("conditional backref with more than two branches", back: 1) }
        }
        frame.alternation = Self.alternation(frame.alternation, or: frame.sequence.total)
        frame.alternatives += 1
        frame.sequence = Sequence()
        if case .top = frame.kind {
            frame.first = false
            frame.verbose = flags.contains(.verbose)
        }
        frames[frames.count - 1] = frame
    }

    /// The width of an alternation of `alternation` (if any) and one more alternative: the
    /// narrowest of them to the widest.
    private static func alternation(_ alternation: Width?, or alternative: Width) -> Width {
        guard let alternation else { return alternative }
        return Width(low: min(alternation.low, alternative.low), high: max(alternation.high, alternative.high))
    }

    private mutating func closeGroup(at offset: Int) throws {
        guard frames.count > 1 else { throw Failure(message: "unbalanced parenthesis", position: offset) }
        let frame = frames.removeLast()
        var width = Self.alternation(frame.alternation, or: frame.sequence.total)
        switch frame.kind {
        case .top:
            break
        case .capturing(let group):
            groupWidths[group] = width
        case .plain, .atomic:
            break
        case .lookahead:
            width = .zero
        case .lookbehind(let outermost):
            if outermost { lookbehindGroups = nil }
            if compileFailure == nil {
                if width.low > Self.maxCode {
                    compileFailure = Failure(message: "looks too much behind", position: nil)
                } else if width.low != width.high {
                    compileFailure = Failure(message: "look-behind requires fixed-width pattern", position: nil)
                }
            }
            width = .zero
        case .conditional:
            // Without a "no" branch, the conditional may match nothing.
            if frame.alternatives == 0 { width.low = 0 }
        }
        append(.item(width))
    }

    private mutating func push(_ kind: GroupKind, at offset: Int, verbose: Bool) throws {
        let cost = frames[frames.count - 1].cost + (kind.isConditional ? 1 : 2)
        guard cost < Self.recursionBudget else {
            throw Failure(message: "maximum recursion depth exceeded", position: offset)
        }
        frames.append(Frame(kind: kind, verbose: verbose, first: false, start: offset, cost: cost))
    }

    // MARK: Escapes

    /// The scalar `value` stands for (a pattern holds no surrogates; U+FFFD matches no case).
    private static func scalar(_ value: UInt32) -> Unicode.Scalar { Unicode.Scalar(value) ?? "\u{FFFD}" }

    private static func isOctal(_ value: UInt32) -> Bool { (0x30...0x37).contains(value) }
    private static func isDigit(_ value: UInt32) -> Bool { (0x30...0x39).contains(value) }
    private static func isHex(_ value: UInt32) -> Bool { scalar(value).isASCIIHexDigit }
    private static func isASCIILetter(_ value: UInt32) -> Bool {
        (0x41...0x5a).contains(value) || (0x61...0x7a).contains(value)
    }

    private static func number(_ digits: [UInt32], radix: UInt64) -> UInt64 {
        digits.reduce(UInt64(0)) { total, digit in
            let value = UInt64(isDigit(digit) ? digit - 0x30 : (digit | 0x20) - 0x61 + 10)
            return total.multipliedSaturated(by: radix).addingSaturated(value)
        }
    }

    /// What an escape stands for, in a set or out of one.
    private enum Escaped {
        case literal(UInt32)
        /// `\d`, `\s`, `\w` and their negations.
        case category
    }

    /// The escapes that read the same in a set and out of one (`\x`, `\u`, `\U`, `\N`), or `nil`.
    private mutating func characterEscape(_ token: Token) throws -> Escaped? {
        let count: Int
        switch token.value {
        case 0x78: count = 2  // \x
        case 0x75 where isText: count = 4  // \u
        case 0x55 where isText: count = 8  // \U
        case 0x4e where isText:  // \N{name}
            guard try match("{") else { throw fail("missing {") }
            let name = try characters(until: "}", naming: "character name")
            guard let scalar = PythonUnicodeNames.scalar(named: name) else {
                throw fail("undefined character name \(Self.quoted(name))", back: name.count + 4)
            }
            return .literal(scalar)
        default:
            return nil
        }
        let digits = try take(upTo: count, Self.isHex)
        let escape = token.text + String(decoding: digits.map { UInt8($0) }, as: UTF8.self)
        guard digits.count == count else { throw fail("incomplete escape \(escape)", back: escape.count) }
        let value = Self.number(digits, radix: 16)
        guard value <= 0x10FFFF else { throw fail("bad escape \(escape)", back: escape.count) }
        return .literal(UInt32(value))
    }

    /// An escape inside a set (Python's `_class_escape`).
    private mutating func setEscape(_ token: Token) throws -> Escaped {
        let value = token.value
        switch Self.scalar(value) {
        case "a", "b", "f", "n", "r", "t", "v", "\\": return .literal(value)
        case "d", "D", "s", "S", "w", "W": return .category
        default: break
        }
        if let escaped = try characterEscape(token) { return escaped }
        if Self.isOctal(value) {
            let digits = try [value] + take(upTo: 2, Self.isOctal)
            let code = Self.number(digits, radix: 8)
            guard code <= 0o377 else { throw Self.octalFailure(digits, at: position) }
            return .literal(UInt32(code))
        }
        guard !Self.isDigit(value), !Self.isASCIILetter(value) else { throw fail("bad escape \(token.text)", back: 2) }
        return .literal(value)
    }

    /// An escape outside a set (Python's `_escape`).
    private mutating func escape(_ token: Token) throws {
        let value = token.value
        switch Self.scalar(value) {
        case "A", "b", "B", "Z": return append(.anchor)
        case "d", "D", "s", "S", "w", "W", "a", "f", "n", "r", "t", "v", "\\": return append(.item(.one))
        default: break
        }
        if try characterEscape(token) != nil { return append(.item(.one)) }
        if value == 0x30 {  // \0: up to two more octal digits
            _ = try take(upTo: 2, Self.isOctal)
            return append(.item(.one))
        }
        if Self.isDigit(value) {
            var digits = [value]
            if let second = next, !second.isEscape, Self.isDigit(second.value) {
                try advance()
                digits.append(second.value)
                if Self.isOctal(value), Self.isOctal(second.value), let third = next, !third.isEscape, Self.isOctal(third.value) {
                    try advance()
                    guard Self.number(digits + [third.value], radix: 8) <= 0o377 else {
                        throw Self.octalFailure(digits + [third.value], at: position)
                    }
                    return append(.item(.one))
                }
            }
            let group = Int(Self.number(digits, radix: 10))
            guard group < groupWidths.count else { throw fail("invalid group reference \(group)", back: digits.count) }
            return append(.item(try reference(to: group, back: digits.count + 1)))
        }
        guard !Self.isASCIILetter(value) else { throw fail("bad escape \(token.text)", back: 2) }
        append(.item(.one))
    }

    /// The width of a reference to `group`, which must be closed (and, in a look-behind,
    /// opened before it); a failure names the reference, `offset` characters back.
    private func reference(to group: Int, back offset: Int) throws -> Width {
        guard group < groupWidths.count, let width = groupWidths[group] else {
            throw fail("cannot refer to an open group", back: offset)
        }
        if let first = lookbehindGroups, group >= first {
            throw fail("cannot refer to group defined in the same lookbehind subpattern")
        }
        return width
    }

    // MARK: Sets and repeats

    /// The error of an octal escape (its digits) over 0o377, which ends at `end`.
    private static func octalFailure(_ digits: [UInt32], at end: Int) -> Failure {
        let escape = "\\" + String(decoding: digits.map { UInt8($0) }, as: UTF8.self)
        return Failure(message: "octal escape value \(escape) outside of range 0-0o377", position: end - escape.count)
    }

    private mutating func set(at start: Int) throws {
        _ = try match("^")
        var isEmpty = true
        while true {
            guard let this = try get() else { throw Failure(message: "unterminated character set", position: start) }
            if !this.isEscape, this.value == 0x5d, !isEmpty { break }
            let first: Escaped = this.isEscape ? try setEscape(this) : .literal(this.value)
            isEmpty = false
            guard try match("-") else { continue }
            guard let that = try get() else { throw Failure(message: "unterminated character set", position: start) }
            if !that.isEscape, that.value == 0x5d { break }
            let second: Escaped = that.isEscape ? try setEscape(that) : .literal(that.value)
            guard case .literal(let low) = first, case .literal(let high) = second, low <= high else {
                throw fail("bad character range \(this.text)-\(that.text)", back: this.length + 1 + that.length)
            }
        }
        append(.item(.one))
    }

    /// `{`: a repeat `{m}`, `{m,}`, `{,n}` or `{m,n}`, or else the character itself.
    private mutating func brace(at offset: Int) throws {
        let here = index
        if nextIs("}") { return append(.item(.one)) }
        let low = try take(upTo: Int.max, Self.isDigit)
        let high = try match(",") ? take(upTo: Int.max, Self.isDigit) : low
        guard try match("}") else {
            index = here
            return append(.item(.one))
        }
        var minimum: UInt64 = 0
        var maximum = Self.maxRepeat
        if !low.isEmpty {
            minimum = Self.number(low, radix: 10)
            guard minimum < Self.maxRepeat else { throw Failure(message: "the repetition number is too large", position: nil) }
        }
        if !high.isEmpty {
            maximum = Self.number(high, radix: 10)
            guard maximum < Self.maxRepeat else { throw Failure(message: "the repetition number is too large", position: nil) }
            guard maximum >= minimum else { throw Failure(message: "min repeat greater than max repeat", position: offset + 1) }
        }
        try repeatLast(minimum: minimum, maximum: maximum, at: offset)
    }

    private mutating func repeatLast(minimum: UInt64, maximum: UInt64, at offset: Int) throws {
        let item: Width
        switch frames[frames.count - 1].sequence.last {
        case .none, .anchor: throw Failure(message: "nothing to repeat", position: offset)
        case .repeated: throw Failure(message: "multiple repeat", position: offset)
        case .item(let width): item = width
        }
        if try !match("?") { _ = try match("+") }
        sawRepeat = true
        let high = maximum == Self.maxRepeat && item.high > 0 ? UInt64.max : item.high.multipliedSaturated(by: maximum)
        frames[frames.count - 1].sequence.last = .repeated(Width(low: item.low.multipliedSaturated(by: minimum), high: high))
    }

    // MARK: Groups

    private mutating func openGroup(at start: Int) throws {
        let enclosing = frames[frames.count - 1]
        guard try match("?") else {
            return try push(.capturing(openCapture(named: nil)), at: start, verbose: enclosing.verbose)
        }
        guard let char = try get() else { throw fail("unexpected end of pattern") }
        // An escaped character matches no case.
        let letter: Unicode.Scalar = char.isEscape ? "\u{FFFD}" : Self.scalar(char.value)
        switch letter {
        case "P":
            if try match("<") {
                let name = try characters(until: ">", naming: "group name")
                try checkName(name)
                return try push(.capturing(openCapture(named: name)), at: start, verbose: enclosing.verbose)
            }
            guard try match("=") else {
                guard let other = try get() else { throw fail("unexpected end of pattern") }
                throw fail("unknown extension ?P\(other.text)", back: other.length + 2)
            }
            let name = try characters(until: ")", naming: "group name")
            try checkName(name)
            guard let group = groupNames[name] else { throw fail("unknown group name \(Self.quoted(name))", back: name.count + 1) }
            append(.item(try reference(to: group, back: name.count + 1)))
        case ":":
            try push(.plain, at: start, verbose: enclosing.verbose)
        case ">":
            try push(.atomic, at: start, verbose: enclosing.verbose)
        case "#":
            while true {
                guard let token = try get() else {
                    throw Failure(message: "missing ), unterminated comment", position: start)
                }
                if !token.isEscape, token.value == 0x29 { break }
            }
        case "=", "!":
            try push(.lookahead, at: start, verbose: enclosing.verbose)
        case "<":
            guard let kind = try get() else { throw fail("unexpected end of pattern") }
            guard !kind.isEscape, kind.value == 0x3d || kind.value == 0x21 else {
                throw fail("unknown extension ?<\(kind.text)", back: kind.length + 2)
            }
            let outermost = lookbehindGroups == nil
            if outermost { lookbehindGroups = groupWidths.count }
            try push(.lookbehind(outermost: outermost), at: start, verbose: enclosing.verbose)
        case "(":
            try conditional(at: start)
        default:
            guard !char.isEscape, letter == "-" || Flags(letter: letter.value) != nil else {
                throw fail("unknown extension ?\(char.text)", back: char.length + 1)
            }
            guard let local = try inlineFlags(startingWith: char.value) else {
                guard enclosing.first, enclosing.sequence.isEmpty else {
                    throw Failure(message: "global flags not at the start of the expression", position: start)
                }
                frames[frames.count - 1].verbose = flags.contains(.verbose)
                return
            }
            let verbose = (enclosing.verbose || local.added.contains(.verbose)) && !local.removed.contains(.verbose)
            try push(.plain, at: start, verbose: verbose)
        }
    }

    private mutating func openCapture(named name: [UInt32]?) throws -> Int {
        let group = groupWidths.count
        if let name {
            if let earlier = groupNames[name] {
                throw fail("redefinition of group name \(Self.quoted(name)) as group \(group); was group \(earlier)", back: name.count + 1)
            }
            groupNames[name] = group
        }
        groupWidths.append(nil)
        return group
    }

    /// A group name must be an identifier (Python's `str.isidentifier`).
    private func checkName(_ name: [UInt32]) throws {
        guard Self.isIdentifier(name) else { throw fail("bad character in group name \(Self.quoted(name))", back: name.count + 1) }
    }

    private static func isIdentifier(_ name: [UInt32]) -> Bool {
        guard let first = name.first.flatMap(Unicode.Scalar.init), first == "_" || first.isPythonIdentifierStart else {
            return false
        }
        return name.dropFirst().allSatisfy { Unicode.Scalar($0)?.isPythonIdentifierContinue ?? false }
    }

    /// `(?(group)yes|no)`.
    private mutating func conditional(at start: Int) throws {
        let name = try characters(until: ")", naming: "group name")
        let group: Int
        if Self.isIdentifier(name) {
            guard let named = groupNames[name] else { throw fail("unknown group name \(Self.quoted(name))", back: name.count + 1) }
            group = named
        } else {
            // Python's int(): surrounding white space, a sign, digits of any script, underscores.
            guard let number = PythonIntegerText.value(of: name), number >= 0 else {
                throw fail("bad character in group name \(Self.quoted(name))", back: name.count + 1)
            }
            guard number != 0 else { throw fail("bad group number", back: name.count + 1) }
            guard number < Self.maxGroups else { throw fail("invalid group reference \(number)", back: name.count + 1) }
            group = number
            conditionalReferences.append((group, position - name.count - 1))
        }
        if let first = lookbehindGroups {
            guard group < groupWidths.count, groupWidths[group] != nil else { throw fail("cannot refer to an open group") }
            guard group < first else { throw fail("cannot refer to group defined in the same lookbehind subpattern") }
        }
        try push(.conditional, at: start, verbose: frames[frames.count - 1].verbose)
    }

    /// Inline flags after `(?`, from `letter` on: `nil` for global flags (`(?i)`), else the
    /// flags a group turns on and off (`(?i-m:`).
    private mutating func inlineFlags(startingWith letter: UInt32) throws -> (added: Flags, removed: Flags)? {
        var added: Flags = []
        var removed: Flags = []
        var char: Token? = Token(value: letter, isEscape: false, position: position)
        if letter != 0x2d {
            while let token = char, !token.isEscape, let flag = Flags(letter: token.value) {
                if isText, flag == .locale { throw fail("bad inline flags: cannot use 'L' flag with a str pattern") }
                if !isText, flag == .unicode { throw fail("bad inline flags: cannot use 'u' flag with a bytes pattern") }
                added.insert(flag)
                if !Flags.types.isDisjoint(with: flag), added.intersection(.types) != flag {
                    throw fail("bad inline flags: flags 'a', 'u' and 'L' are incompatible")
                }
                char = try get()
                guard let following = char else { throw fail("missing -, : or )") }
                if !following.isEscape, [0x29, 0x2d, 0x3a].contains(following.value) { break }
                guard !following.isEscape, Flags(letter: following.value) != nil else {
                    throw fail(Self.isLetter(following) ? "unknown flag" : "missing -, : or )", back: following.length)
                }
            }
        }
        if let token = char, !token.isEscape, token.value == 0x29 {
            flags.formUnion(added)
            return nil
        }
        if added.contains(.template) { throw fail("bad inline flags: cannot turn on global flag", back: 1) }
        if let token = char, !token.isEscape, token.value == 0x2d {
            char = try get()
            guard let first = char else { throw fail("missing flag") }
            guard !first.isEscape, Flags(letter: first.value) != nil else {
                throw fail(Self.isLetter(first) ? "unknown flag" : "missing flag", back: first.length)
            }
            while let token = char, !token.isEscape, let flag = Flags(letter: token.value) {
                if !Flags.types.isDisjoint(with: flag) { throw fail("bad inline flags: cannot turn off flags 'a', 'u' and 'L'") }
                removed.insert(flag)
                char = try get()
                guard let following = char else { throw fail("missing :") }
                if !following.isEscape, following.value == 0x3a { break }
                guard !following.isEscape, Flags(letter: following.value) != nil else {
                    throw fail(Self.isLetter(following) ? "unknown flag" : "missing :", back: following.length)
                }
            }
        }
        if removed.contains(.template) { throw fail("bad inline flags: cannot turn off global flag", back: 1) }
        if !added.isDisjoint(with: removed) { throw fail("bad inline flags: flag turned on and off", back: 1) }
        return (added, removed)
    }

    /// Python's `str.isalpha` for a flag's message (an escape is two characters, never alphabetic).
    private static func isLetter(_ token: Token) -> Bool {
        !token.isEscape && scalar(token.value).isPythonAlpha
    }

    /// Python's `fix_flags`: the type flags the whole pattern ends with.
    private func checkFlags() throws {
        if isText, flags.contains(.ascii), flags.contains(.unicode) {
            throw Failure(message: "ASCII and UNICODE flags are incompatible", position: nil)
        }
        if !isText, flags.contains(.ascii), flags.contains(.locale) {
            throw Failure(message: "ASCII and LOCALE flags are incompatible", position: nil)
        }
    }
}

extension UInt64 {
    fileprivate func addingSaturated(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }

    fileprivate func multipliedSaturated(by other: UInt64) -> UInt64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }
}
