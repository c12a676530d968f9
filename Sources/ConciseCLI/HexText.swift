/// Lowercase hex digits of bytes, from a table: Foundation's `String(format: "%02x")` took
/// about 1.4 µs a byte (1.5 s for the hex of a 1 MiB item).
enum HexText {
    /// The sixteen digits, as ASCII.
    private static let digits = Array("0123456789abcdef".utf8)

    /// `bytes` as two lowercase hex digits each.
    static func string(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            for (index, byte) in bytes.enumerated() {
                buffer[2 * index] = digits[Int(byte >> 4)]
                buffer[2 * index + 1] = digits[Int(byte & 0x0f)]
            }
            return bytes.count * 2
        }
    }

    /// `\xNN`, Python's escape of `byte` in a `bytes` repr and in `backslashreplace`.
    static func escape(_ byte: UInt8) -> String {
        "\\x" + string([byte])
    }
}
