/// Text from bytes that may not be UTF-8, repaired as Python's `errors="ignore"` and
/// `errors="backslashreplace"` do.
enum LenientUTF8 {
    /// `bytes` as text under `errors`: validated (the scanner has checked them) when strict,
    /// else repaired as Python repairs them.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>, errors: CBORStringErrors) -> String {
        switch errors {
        case .strict: return TapeValueBuilder.text(bytes)
        case .replace: return String(decoding: bytes, as: UTF8.self)
        case .ignore, .backslashReplace: return decode(Array(bytes), backslashReplace: errors == .backslashReplace)
        }
    }

    static func decode(_ bytes: [UInt8], backslashReplace: Bool) -> String {
        // The well-formed runs and the escapes, gathered as UTF-8 in an array, which grows
        // geometrically, and each run found by reading it alone: appending to a
        // `String.UnicodeScalarView` made new storage for each run, and checking the rest for
        // ASCII read it all again, each taking time that grew with the square of the runs
        // (`a\xff` 200 000 times: 25 s).
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var start = 0
        while start < bytes.count {
            let rest = bytes[start...]
            let bad = rest.withContiguousStorageIfAvailable { UTF8Validation.firstInvalidIndexScanning(in: $0) } ?? nil
            let goodEnd = bad.map { start + $0 } ?? bytes.count
            text.append(contentsOf: bytes[start..<goodEnd])
            guard goodEnd < bytes.count else { break }
            // Python skips one ill-formed byte at a time.
            if backslashReplace {
                text.append(contentsOf: "\\x\(hex(bytes[goodEnd]))".utf8)
            }
            start = goodEnd + 1
        }
        return String(decoding: text, as: UTF8.self)
    }
}
