/// Text from bytes that may not be UTF-8, repaired as Python's `errors="ignore"` and
/// `errors="backslashreplace"` do.
enum LenientUTF8 {
    static func decode(_ bytes: [UInt8], backslashReplace: Bool) -> String {
        var text = String.UnicodeScalarView()
        var start = 0
        while start < bytes.count {
            let rest = bytes[start...]
            let bad = rest.withContiguousStorageIfAvailable { UTF8Validation.firstInvalidIndex(in: $0) } ?? nil
            let goodEnd = bad.map { start + $0 } ?? bytes.count
            text.append(contentsOf: String(decoding: bytes[start..<goodEnd], as: UTF8.self).unicodeScalars)
            guard goodEnd < bytes.count else { break }
            // Python skips one ill-formed byte at a time.
            if backslashReplace {
                text.append(contentsOf: "\\x\(hex(bytes[goodEnd]))".unicodeScalars)
            }
            start = goodEnd + 1
        }
        return String(text)
    }
}
