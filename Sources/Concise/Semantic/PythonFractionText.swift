/// Text as Python 3.11's `Fraction(str)` reads it: `fractions._RATIONAL_FORMAT`, then `int()`
/// of each part.
///
/// The grammar: white space (`str.isspace`) around; an optional `+` or `-`; then either
/// `digits/digits`, or digits with an optional fraction part `.digits` and an optional exponent
/// `e` or `E` with its own sign and digits, where the digits before the point may be missing
/// when some follow it (`.5`) and those after it may be missing (`5.`). Digits are decimal
/// digits of any script (`\d`, Unicode 14), with single underscores between them (`1_000`).
/// Each part is read by `int()`, which refuses more than 4 300 digits (underscores aside,
/// leading zeros counted). (The pattern's fraction part also matches the letter `d`, a typo in
/// Python 3.11; `int()` then refuses it, so such text is refused here as it is there.)
enum PythonFractionText {
    /// What the text says.
    enum Reading: Equatable {
        /// `numerator/denominator`, the sign on the numerator; the denominator may be zero
        /// (Python raises `ZeroDivisionError`).
        case ratio(numerator: CBORBigInt, denominator: CBORBigInt)
        /// `mantissa × 10^exponent`: the digits around the point, and the exponent less the
        /// digits after the point. An exponent beyond ±2^62 is kept at that bound: no fraction
        /// with a non-zero mantissa is made there.
        case decimal(mantissa: CBORBigInt, exponent: Int)
    }

    /// The reading of `text`, or `nil` where Python raises `ValueError`.
    static func reading(_ text: String) -> Reading? {
        var rest = Array(text.unicodeScalars)[...]
        while let first = rest.first, first.isPythonSpace { rest.removeFirst() }
        while let last = rest.last, last.isPythonSpace { rest.removeLast() }
        let isNegative = rest.first == "-"
        if rest.first == "-" || rest.first == "+" { rest.removeFirst() }
        // The pattern's lookahead: a digit, or a point and a digit.
        let startsWithPoint = rest.first == "." && rest.dropFirst().first?.pythonDecimalDigitValue != nil
        guard rest.first?.pythonDecimalDigitValue != nil || startsWithPoint else { return nil }
        let whole = digitRun(&rest) ?? []
        if rest.first == "/" {
            rest.removeFirst()
            guard let denominator = digitRun(&rest), rest.isEmpty, fitsInt(whole), fitsInt(denominator) else {
                return nil
            }
            return .ratio(
                numerator: integer(whole, isNegative: isNegative), denominator: integer(denominator, isNegative: false))
        }
        var fraction: [UInt8] = []
        if rest.first == "." {
            rest.removeFirst()
            fraction = digitRun(&rest) ?? []
        }
        var exponent = 0
        if rest.first == "e" || rest.first == "E" {
            rest.removeFirst()
            let isNegativeExponent = rest.first == "-"
            if rest.first == "-" || rest.first == "+" { rest.removeFirst() }
            guard let digits = digitRun(&rest), fitsInt(digits) else { return nil }
            let bound = 1 << 62
            let magnitude = digits.reduce(0) { value, digit in
                value >= bound / 10 ? bound : min(value * 10 + Int(digit), bound)
            }
            exponent = isNegativeExponent ? -magnitude : magnitude
        }
        guard rest.isEmpty, fitsInt(whole), fitsInt(fraction) else { return nil }
        return .decimal(
            mantissa: integer(whole + fraction, isNegative: isNegative), exponent: exponent - fraction.count)
    }

    /// A run of digits with single underscores between them (`\d+(_\d+)*`), taken from the front
    /// of `rest`: the digits' values, or `nil` (and nothing taken) where `rest` starts with no
    /// digit. The run is the longest there is: what may follow one (`/`, `.`, `e`, white space,
    /// the end) is neither a digit nor an underscore, so Python's backtracking finds no other.
    private static func digitRun(_ rest: inout ArraySlice<Unicode.Scalar>) -> [UInt8]? {
        var digits: [UInt8] = []
        while let first = rest.first {
            if let digit = first.pythonDecimalDigitValue {
                digits.append(digit)
            } else if first != "_" || digits.isEmpty || rest.dropFirst().first?.pythonDecimalDigitValue == nil {
                break
            }
            rest.removeFirst()
        }
        return digits.isEmpty ? nil : digits
    }

    /// Whether `int()` reads this many digits: Python refuses more than 4 300 by default
    /// (`sys.get_int_max_str_digits()`).
    private static func fitsInt(_ digits: [UInt8]) -> Bool {
        digits.count <= CBORBigInt.pythonDigitLimit
    }

    /// The value of digit values, zero for none.
    private static func integer(_ digits: [UInt8], isNegative: Bool) -> CBORBigInt {
        let text = String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        let magnitude = digits.isEmpty ? [] : CBORBigInt(text)?.magnitude ?? []
        return CBORBigInt(isNegative: isNegative, magnitude: magnitude)
    }
}
