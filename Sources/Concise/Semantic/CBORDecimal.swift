/// A decimal fraction of tag 4 (RFC 8949 §3.4.4): `mantissa × 10^exponent`, with Python's
/// `Decimal` specials, which cbor2 writes as the half floats NaN, +∞ and −∞.
public struct CBORDecimal: Hashable, Sendable, CustomStringConvertible {
    /// A value that is not a finite number.
    public enum Special: Sendable, Hashable {
        /// Not a number.
        case nan
        /// +∞.
        case infinity
        /// −∞.
        case negativeInfinity
    }

    /// The integer mantissa, sign included.
    public var mantissa: CBORBigInt
    /// The power of ten.
    public var exponent: Int
    /// The special value, or `nil` for a finite number.
    public var special: Special?

    /// Creates `mantissa × 10^exponent`.
    public init(mantissa: CBORBigInt, exponent: Int) {
        self.mantissa = mantissa
        self.exponent = exponent
        self.special = nil
    }

    /// Creates a special value.
    public init(_ special: Special) {
        self.mantissa = CBORBigInt(0)
        self.exponent = 0
        self.special = special
    }

    /// Parses decimal text such as `273.15`, `-1E+30`, `NaN` or `-Infinity`.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "nan", "+nan": self.init(.nan); return
        case "infinity", "+infinity", "inf": self.init(.infinity); return
        case "-infinity", "-inf": self.init(.negativeInfinity); return
        default: break
        }
        var body = Substring(text)
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let power = Int(body[body.index(after: e)...].replacingOccurrences(of: "+", with: "")) else { return nil }
            exponent = power
            body = body[..<e]
        }
        var digits = String(body)
        if let dot = digits.firstIndex(of: ".") {
            let fractionDigits = digits.distance(from: dot, to: digits.endIndex) - 1
            let (shifted, overflow) = exponent.subtractingReportingOverflow(fractionDigits)
            guard !overflow else { return nil }
            exponent = shifted
            digits.remove(at: dot)
        }
        guard let mantissa = CBORBigInt(digits) else { return nil }
        self.init(mantissa: mantissa, exponent: exponent)
    }

    /// The most mantissa digits written as text where the input sets the length (`to-json`, a
    /// decimal part of a complex number, a bigfloat's `Decimal`, the conformance testee): the
    /// text of a longer mantissa takes time growing with the square of its length.
    package static let textDigitLimit = 100_000

    /// Python's `str(Decimal)`: plain text such as `273.15` or `0.000001` when the exponent is
    /// not positive and the number is not tiny, scientific such as `1.5E+10` or `1E-7` otherwise.
    public var description: String {
        text(mantissaText: special == nil ? mantissa.description : "")
    }

    /// ``description``, or `nil` for a mantissa of more than `digitLimit` digits.
    package func description(digitLimit: Int) -> String? {
        guard special == nil else { return description }
        return mantissa.description(digitLimit: digitLimit).map { text(mantissaText: $0) }
    }

    /// ``description`` with the mantissa's decimal text given.
    private func text(mantissaText: String) -> String {
        switch special {
        case .nan: return "NaN"
        case .infinity: return "Infinity"
        case .negativeInfinity: return "-Infinity"
        case nil: break
        }
        let digits = mantissa.isNegative ? String(mantissaText.dropFirst()) : mantissaText
        let sign = mantissa.isNegative ? "-" : ""
        // The General Decimal Arithmetic "to-scientific-string", as Python implements it. In
        // 128 bits: an exponent near `Int.max` plus the digits would overflow `Int`.
        let leftDigits = Int128(exponent) + Int128(digits.count)
        // Within -5...digits.count whenever the exponent is not positive, so the counts below
        // fit an `Int` and stay small.
        let dotPlace = exponent <= 0 && leftDigits > -6 ? Int(leftDigits) : 1
        var text = sign
        if dotPlace <= 0 {
            text += "0." + String(repeating: "0", count: -dotPlace) + digits
        } else if dotPlace >= digits.count {
            text += digits + String(repeating: "0", count: dotPlace - digits.count)
        } else {
            text += digits.prefix(dotPlace) + "." + digits.dropFirst(dotPlace)
        }
        let shown = leftDigits - Int128(dotPlace)
        if shown != 0 {
            text += "E" + (shown < 0 ? "-" : "+") + String(shown.magnitude)
        }
        return text
    }
}
