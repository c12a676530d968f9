import Concise

/// A number token of Python's JSON grammar: `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`, or one of
/// the constants `NaN`, `Infinity`, `-Infinity`.
enum JSONNumber {
    case integer(Int64)
    case bigInteger(CBORBigInt)
    case float(Double)
}

/// Scans and converts number tokens. Integers become exact integers of any size up to Python's
/// 4300-digit limit; fractions and exponents become correctly rounded doubles.
enum JSONNumberParser {
    /// Python's `sys.get_int_max_str_digits()` default.
    static let maxIntegerDigits = 4300

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The length of the number token at `start`, or `nil` when the bytes there are not one.
    /// `isFloat` tells whether it has a fraction or exponent (or is a float constant).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (length: Int, isFloat: Bool)? {
        var index = start
        let count = bytes.count
        if index < count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count else { return nil }
        if bytes[index] == UInt8(ascii: "I") {
            return matches(bytes, index, "Infinity") ? (index + 8 - start, true) : nil
        }
        if index == start, bytes[index] == UInt8(ascii: "N") {
            return matches(bytes, index, "NaN") ? (3, true) : nil
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(bytes[index]) {
            while index < count, isDigit(bytes[index]) { index += 1 }
        } else {
            return nil
        }
        var isFloat = false
        if index + 1 < count, bytes[index] == UInt8(ascii: "."), isDigit(bytes[index + 1]) {
            isFloat = true
            index += 2
            while index < count, isDigit(bytes[index]) { index += 1 }
        }
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var exponentIndex = index + 1
            if exponentIndex < count, bytes[exponentIndex] == UInt8(ascii: "-") || bytes[exponentIndex] == UInt8(ascii: "+") {
                exponentIndex += 1
            }
            if exponentIndex < count, isDigit(bytes[exponentIndex]) {
                isFloat = true
                index = exponentIndex
                while index < count, isDigit(bytes[index]) { index += 1 }
            }
        }
        return (index - start, isFloat)
    }

    /// Converts a scanned token.
    ///
    /// - Throws: ``ConcreteJSONError/Code/numberOutOfRange`` (offset-less; the caller adds it)
    ///   for integers over 4300 digits and float literals beyond the double range (unless
    ///   `overflowIsInfinite`).
    static func convert(_ token: UnsafeBufferPointer<UInt8>, isFloat: Bool, overflowIsInfinite: Bool = false) throws -> JSONNumber {
        if isFloat { return .float(try parseDouble(token, overflowIsInfinite: overflowIsInfinite)) }
        let negative = token[0] == UInt8(ascii: "-")
        let digits = negative ? UnsafeBufferPointer(rebasing: token[1...]) : token
        if digits.count <= 18 {
            var value: Int64 = 0
            for digit in digits { value = value &* 10 &+ Int64(digit &- UInt8(ascii: "0")) }
            return .integer(negative ? -value : value)
        }
        guard digits.count <= maxIntegerDigits else {
            throw ConcreteJSONError(.numberOutOfRange, "integer of \(digits.count) digits exceeds Python's limit of \(maxIntegerDigits)")
        }
        guard let big = CBORBigInt(String(decoding: token, as: UTF8.self)) else {
            throw ConcreteJSONError(.syntax, "malformed integer")
        }
        if let small = big.exactly(Int64.self) { return .integer(small) }
        return .bigInteger(big)
    }

    /// A correctly rounded double: exact arithmetic for short literals (Clinger's fast path),
    /// the standard library's locale-independent parser otherwise.
    static func parseDouble(_ token: UnsafeBufferPointer<UInt8>, overflowIsInfinite: Bool = false) throws -> Double {
        switch token.first {
        case UInt8(ascii: "N"): return .nan
        case UInt8(ascii: "I"): return .infinity
        case UInt8(ascii: "-") where token.count > 1 && token[1] == UInt8(ascii: "I"): return -.infinity
        default: break
        }
        if let fast = fastPath(token) { return fast }
        guard let value = Double(String(decoding: token, as: UTF8.self)), value.isFinite || overflowIsInfinite else {
            throw ConcreteJSONError(.numberOutOfRange, "float literal \(String(decoding: token, as: UTF8.self)) is beyond the range of a double")
        }
        return value
    }

    private static func fastPath(_ token: UnsafeBufferPointer<UInt8>) -> Double? {
        var mantissa: UInt64 = 0
        var digitCount = 0
        var exponent = 0
        var index = 0
        let negative = token[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var afterPoint = false
        while index < token.count {
            let byte = token[index]
            if isDigit(byte) {
                if mantissa != 0 || byte != UInt8(ascii: "0") { digitCount += 1 }
                guard digitCount <= 15 else { return nil }
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                if afterPoint { exponent -= 1 }
            } else if byte == UInt8(ascii: ".") {
                afterPoint = true
            } else {
                break
            }
            index += 1
        }
        if index < token.count {  // exponent part
            index += 1
            var exponentNegative = false
            if token[index] == UInt8(ascii: "-") || token[index] == UInt8(ascii: "+") {
                exponentNegative = token[index] == UInt8(ascii: "-")
                index += 1
            }
            var value = 0
            while index < token.count {
                value = value * 10 + Int(token[index] - UInt8(ascii: "0"))
                guard value < 1000 else { return nil }
                index += 1
            }
            exponent += exponentNegative ? -value : value
        }
        guard exponent >= -22, exponent <= 22 else { return nil }
        var result = Double(mantissa)
        result = exponent < 0 ? result / powersOfTen[-exponent] : result * powersOfTen[exponent]
        return negative ? -result : result
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ word: StaticString) -> Bool {
        guard start + word.utf8CodeUnitCount <= bytes.count else { return false }
        for index in 0..<word.utf8CodeUnitCount where bytes[start + index] != word.utf8Start[index] { return false }
        return true
    }
}
