extension CBOR {
    /// The value in RFC 8949 §8 diagnostic notation, such as `{"a": 1, "b": [h'01', 1.5]}`.
    ///
    /// Integers are decimal, byte strings `h'…'`, text strings JSON-quoted, tags `N(…)`, simple
    /// values `simple(N)`, floats in their shortest round-trip digits (`1.0e+300`, `NaN`,
    /// `-Infinity`). The text is built without recursion, whatever the nesting.
    public var diagnosticDescription: String {
        var printer = DiagnosticPrinter()
        printer.print(self)
        return printer.output
    }
}

extension CBOR: CustomStringConvertible {
    /// The value in RFC 8949 diagnostic notation (``diagnosticDescription``).
    public var description: String { diagnosticDescription }
}

/// Writes diagnostic notation with an explicit stack of open containers.
package struct DiagnosticPrinter {
    private struct Frame {
        enum Kind { case array, map, tag }
        var kind: Kind
        var next = 0
        var items: [CBOR] = []
        var entries: [(key: CBOR, value: CBOR)] = []
    }

    private(set) var output = ""

    mutating func print(_ root: CBOR) {
        var frames: [Frame] = []
        var current = root
        while true {
            switch current {
            case .array(let items):
                output += "["
                frames.append(Frame(kind: .array, items: items))
            case .map(let map):
                output += "{"
                frames.append(Frame(kind: .map, entries: map.entries))
            case .tagged(let tag, let content):
                output += "\(tag)("
                frames.append(Frame(kind: .tag, items: [content]))
            default:
                printScalar(current)
            }
            guard let next = nextItem(in: &frames) else { return }
            current = next
        }
    }

    private mutating func nextItem(in frames: inout [Frame]) -> CBOR? {
        while let last = frames.indices.last {
            let position = frames[last].next
            frames[last].next += 1
            switch frames[last].kind {
            case .array, .tag:
                if position < frames[last].items.count {
                    if position > 0 { output += ", " }
                    return frames[last].items[position]
                }
                output += frames[last].kind == .array ? "]" : ")"
            case .map:
                if position < frames[last].entries.count * 2 {
                    let entry = frames[last].entries[position / 2]
                    if position % 2 == 1 {
                        output += ": "
                        return entry.value
                    }
                    if position > 0 { output += ", " }
                    return entry.key
                }
                output += "}"
            }
            frames.removeLast()
        }
        return nil
    }

    private mutating func printScalar(_ value: CBOR) {
        switch value {
        case .unsigned(let value):
            output += String(value)
        case .negative(let n):
            output += n == .max ? "-18446744073709551616" : "-\(n + 1)"
        case .byteString(let bytes):
            output += "h'"
            for byte in bytes { output += hex(byte) }
            output += "'"
        case .textString(let text):
            Self.appendQuoted(text, to: &output)
        case .simple(let value):
            output += "simple(\(value))"
        case .boolean(let flag):
            output += flag ? "true" : "false"
        case .null:
            output += "null"
        case .undefined:
            output += "undefined"
        case .half(let value):
            output += Self.format(Double(value))
        case .float(let value):
            output += Self.format(Double(value))
        case .double(let value):
            output += Self.format(value)
        case .array, .map, .tagged:
            break
        }
    }

    /// A float in RFC 8949 Appendix A style: `1.5`, `1.0e+300`, `5.960464477539063e-8`.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let text = value.description
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return text.contains(".") ? text : text + ".0"
        }
        var mantissa = String(text[..<e])
        if !mantissa.contains(".") { mantissa += ".0" }
        var exponent = text[text.index(after: e)...]
        var sign = "+"
        if let first = exponent.first, first == "-" || first == "+" {
            sign = String(first)
            exponent = exponent.dropFirst()
        }
        let digits = exponent.drop(while: { $0 == "0" })
        return "\(mantissa)e\(sign)\(digits.isEmpty ? "0" : String(digits))"
    }

    /// Appends `text` as a JSON string literal (RFC 8949 §8: text strings as in JSON).
    package static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{8}": output += "\\b"
            case "\u{c}": output += "\\f"
            case "\u{0}"..."\u{1f}", "\u{7f}":
                let value = UInt8(truncatingIfNeeded: scalar.value)
                output += "\\u00" + hex(value)
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
