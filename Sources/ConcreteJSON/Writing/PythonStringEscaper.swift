/// Python's `json.encoder.encode_basestring_ascii`: the string quoted, with `"` and `\`
/// escaped, `\n \r \t \b \f` in short form, every other character outside `' '...'~'` as a
/// lowercase `\uXXXX`, and characters beyond the BMP as a surrogate pair. With `asciiOnly`
/// off it is `encode_basestring` (`ensure_ascii=False`): only controls below 0x20 are escaped.
package enum PythonStringEscaper {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `string`, quoted and escaped as `ensure_ascii=True` does.
    package static func append(_ string: String, asciiOnly: Bool = true, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            let plain = asciiOnly
                ? utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f && $0 != 0x22 && $0 != 0x5c })
                : utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5c })
            if plain {
                out.append(contentsOf: utf8)
                return
            }
            appendEscaped(String(decoding: utf8, as: UTF8.self), asciiOnly: asciiOnly, to: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ string: String, asciiOnly: Bool, to out: inout [UInt8]) {
        for scalar in string.unicodeScalars {
            if !asciiOnly, scalar.value >= 0x7f {
                out.append(contentsOf: String(scalar).utf8)
                continue
            }
            switch scalar.value {
            case 0x22: out.append(contentsOf: #"\""#.utf8)
            case 0x5c: out.append(contentsOf: #"\\"#.utf8)
            case 0x0a: out.append(contentsOf: #"\n"#.utf8)
            case 0x0d: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0c: out.append(contentsOf: #"\f"#.utf8)
            case 0x20..<0x7f: out.append(UInt8(scalar.value))
            case 0..<0x10000: appendUnicodeEscape(UInt16(scalar.value), to: &out)
            default:
                let offset = scalar.value - 0x10000
                appendUnicodeEscape(UInt16(0xd800 | (offset >> 10)), to: &out)
                appendUnicodeEscape(UInt16(0xdc00 | (offset & 0x3ff)), to: &out)
            }
        }
    }

    private static func appendUnicodeEscape(_ unit: UInt16, to out: inout [UInt8]) {
        out.append(contentsOf: #"\u"#.utf8)
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((unit >> UInt16(shift)) & 0xf)])
        }
    }
}
