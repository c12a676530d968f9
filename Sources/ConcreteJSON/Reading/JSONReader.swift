/// A JSON parser with Python's `json.loads` grammar (bare `NaN`, `Infinity`, `-Infinity`;
/// integers of any size; strict strings) that builds ``ConcreteValue`` trees, turning tagged
/// objects into their cases as `ConcreteDecoder`'s object hook does.
///
/// Recursion is bounded by `maxDepth`. The data of a `numpy_array` whose `type_name` comes
/// first (as `ConcreteEncoder` writes it) is read as a flat list of token offsets and converted
/// straight into typed storage once the `dtype` is known, without a tree per element.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let options: ConcreteJSONDecoder
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, options: ConcreteJSONDecoder) {
        self.bytes = bytes
        self.options = options
    }

    /// Reads one value and requires nothing but whitespace after it.
    mutating func readDocument() throws -> ConcreteValue {
        skipWhitespace()
        let value = try readValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw error(.trailingData, "extra data after the value") }
        return value
    }

    mutating func readValue(depth: Int) throws -> ConcreteValue {
        guard index < bytes.count else { throw error(.truncated, "expecting a value, found the end of the input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject(depth: depth + 1)
        case UInt8(ascii: "["): return try readList(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): return try readLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try readLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try readLiteral("null", .null)
        default:
            switch try readNumber() {
            case .integer(let value): return .int(value)
            case .bigInteger(let value): return .bigInt(value)
            case .float(let value): return .float(value)
            }
        }
    }

    // MARK: Containers

    private mutating func readList(depth: Int) throws -> ConcreteValue {
        try checkDepth(depth)
        index += 1
        var items: [ConcreteValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .list(items)
        }
        while true {
            skipWhitespace()
            items.append(try readValue(depth: depth))
            if try readSeparator(closing: "]") { return .list(items) }
        }
    }

    /// After a member: skips whitespace and a `,` (returning `false`) or the closing bracket
    /// (returning `true`); anything else is an error.
    mutating func readSeparator(closing: Unicode.Scalar) throws -> Bool {
        let what = closing == "]" ? "array" : "object"
        skipWhitespace()
        guard index < bytes.count else { throw error(.truncated, "unterminated \(what)") }
        switch bytes[index] {
        case UInt8(ascii: ","):
            index += 1
            return false
        case UInt8(ascii: closing):
            index += 1
            return true
        default:
            throw error(.syntax, "expecting ',' or '\(closing)' in an \(what)")
        }
    }

    private mutating func readObject(depth: Int) throws -> ConcreteValue {
        try checkDepth(depth)
        let start = index
        index += 1
        var entries: [(key: String, value: ConcreteValue)] = []
        var pendingArray: NumericTokens?
        var keys = TextKeyPositions()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .dict(ConcreteObject())
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error(.truncated, "unterminated object") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error(.syntax, "expecting a property name enclosed in double quotes")
            }
            let keyOffset = index
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count else { throw error(.truncated, "unterminated object") }
            guard bytes[index] == UInt8(ascii: ":") else { throw error(.syntax, "expecting ':' delimiter") }
            index += 1
            skipWhitespace()
            if options.decodesTaggedObjects, key == "serialized_value", entries.count == 1, entries[0].key == "type_name",
                case .string("numpy_array") = entries[0].value
            {
                pendingArray = try readNumericTokens(depth: depth)
                entries.append((key, .null))
            } else {
                entries.append((key, try readValue(depth: depth)))
            }
            try mergeDuplicate(&entries, &keys, at: keyOffset)
            if try readSeparator(closing: "}") { break }
        }
        do {
            return try TaggedObjects(options: options).value(entries: entries, arrayTokens: pendingArray)
        } catch let failure as ConcreteJSONError where failure.offset == nil {
            throw error(failure.code, failure.message, at: start)
        }
    }

    /// Handles a key seen before (``TextKeyPositions``): an error, or (as Python's `dict`) the
    /// new value replacing the old one in its first position.
    private func mergeDuplicate(
        _ entries: inout [(key: String, value: ConcreteValue)], _ keys: inout TextKeyPositions, at offset: Int
    ) throws {
        guard let last = entries.last,
            let first = keys.earlierPosition(of: last.key, amongFirst: entries.count - 1, of: entries)
        else { return }
        if options.rejectsDuplicateKeys { throw error(.duplicateKey, "duplicate key \"\(last.key)\"", at: offset) }
        entries.removeLast()
        entries[first].value = last.value
    }

    private func checkDepth(_ depth: Int) throws {
        guard depth <= options.maxDepth else {
            throw error(.depthLimitExceeded, "nesting deeper than \(options.maxDepth) levels")
        }
    }

    // MARK: Scalars

    private mutating func readLiteral(_ word: StaticString, _ value: ConcreteValue) throws -> ConcreteValue {
        let length = word.utf8CodeUnitCount
        let available = min(length, bytes.count - index)
        for offset in 0..<available where bytes[index + offset] != word.utf8Start[offset] {
            throw error(.syntax, "expecting a value")
        }
        guard available == length else { throw error(.truncated, "input ends inside a literal") }
        index += length
        return value
    }

    private mutating func readNumber() throws -> JSONNumber {
        guard let (length, isFloat) = JSONNumberParser.scan(bytes, at: index) else {
            throw error(.syntax, "expecting a value")
        }
        let token = UnsafeBufferPointer(rebasing: bytes[index..<index + length])
        do {
            let number = try JSONNumberParser.convert(
                token, isFloat: isFloat, overflowIsInfinite: options.readsOverflowingFloatsAsInfinity)
            index += length
            return number
        } catch let failure as ConcreteJSONError {
            throw error(failure.code, failure.message)
        }
    }

    mutating func readString() throws -> String {
        let start = index + 1
        var cursor = start
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            cursor += 1
        }
        guard cursor < bytes.count else { throw error(.truncated, "unterminated string", at: index) }
        if bytes[cursor] == UInt8(ascii: "\"") {
            let string = try makeString(UnsafeBufferPointer(rebasing: bytes[start..<cursor]), at: start)
            index = cursor + 1
            return string
        }
        var buffer = Array(bytes[start..<cursor])
        index = cursor
        while true {
            guard index < bytes.count else { throw error(.truncated, "unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return try buffer.withUnsafeBufferPointer { try makeString($0, at: start) }
            }
            if byte < 0x20 { throw error(.invalidString, "invalid control character in a string") }
            if byte == UInt8(ascii: "\\") {
                try readEscape(into: &buffer)
            } else {
                buffer.append(byte)
                index += 1
            }
        }
    }

    private mutating func readEscape(into buffer: inout [UInt8]) throws {
        guard index + 1 < bytes.count else { throw error(.truncated, "unterminated string") }
        let escape = bytes[index + 1]
        index += 2
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0c)
        case UInt8(ascii: "n"): buffer.append(0x0a)
        case UInt8(ascii: "r"): buffer.append(0x0d)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xd800..<0xdc00).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error(.invalidString, "lone surrogate \\u\(String(scalar, radix: 16)) (Swift strings hold Unicode scalars only)", at: index - 6)
                }
                index += 2
                let low = try readHex4()
                guard (0xdc00..<0xe000).contains(low) else {
                    throw error(.invalidString, "high surrogate not followed by a low surrogate", at: index - 6)
                }
                scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
            } else if (0xdc00..<0xe000).contains(scalar) {
                throw error(.invalidString, "lone surrogate \\u\(String(scalar, radix: 16)) (Swift strings hold Unicode scalars only)", at: index - 6)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error(.invalidString, "invalid \\u escape", at: index - 6) }
            UTF8.encode(unicode) { buffer.append($0) }
        default:
            throw error(.syntax, "invalid \\escape", at: index - 2)
        }
    }

    private mutating func readHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error(.truncated, "input ends inside a \\u escape") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.syntax, "invalid \\uXXXX escape", at: index - 2)
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    private func makeString(_ utf8: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> String {
        guard let string = String(validating: utf8, as: UTF8.self) else {
            throw error(.invalidString, "string is not valid UTF-8", at: offset)
        }
        return string
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0a, 0x0d, 0x09: index += 1
            default: return
            }
        }
    }

    // MARK: Errors

    func error(_ code: ConcreteJSONError.Code, _ message: String, at offset: Int? = nil) -> ConcreteJSONError {
        JSONReader.error(in: bytes, code, message, at: offset ?? index)
    }

    /// An error at `offset` of `bytes`, with its line and column.
    static func error(
        in bytes: UnsafeBufferPointer<UInt8>, _ code: ConcreteJSONError.Code, _ message: String, at offset: Int
    ) -> ConcreteJSONError {
        let position = min(offset, bytes.count)
        var line = 1
        var lineStart = 0
        for cursor in 0..<position where bytes[cursor] == 0x0a {
            line += 1
            lineStart = cursor + 1
        }
        // Columns count characters, as Python's do, not bytes.
        var column = 1
        for cursor in lineStart..<position where bytes[cursor] & 0xc0 != 0x80 { column += 1 }
        return ConcreteJSONError(code, message, offset: position, line: line, column: column)
    }
}
