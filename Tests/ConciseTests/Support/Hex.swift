extension Array where Element == UInt8 {
    /// Bytes from hex text; whitespace is ignored. Test inputs only.
    init(hex: String) {
        let digits = hex.filter { !$0.isWhitespace }.map { $0.hexDigitValue ?? 0 }
        self = stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(digits[$0] << 4 | digits[$0 + 1]) }
    }

    /// Lowercase hex text.
    var hex: String {
        map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
