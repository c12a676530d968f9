/// Python's `float.__repr__` (and `json`'s float text), written in Swift.
///
/// Both languages print the shortest digits that read back to the same double, choosing the
/// closest when several are as short, so the digits are taken from Swift's `description` and
/// laid out as Python does: fixed notation with at least one fractional digit when the decimal
/// exponent is in `-4 ..< 16`, otherwise `d.ddde±XX` with at least two exponent digits.
package enum PythonFloatRepr {
    /// Appends the JSON text `ConcreteEncoder` writes for `value`.
    package static func append(_ value: Double, to out: inout [UInt8]) {
        if value.isNaN {
            out.append(contentsOf: "NaN".utf8)
            return
        }
        if value.isInfinite {
            out.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8)
            return
        }
        if value == 0 {
            out.append(contentsOf: (value.sign == .minus ? "-0.0" : "0.0").utf8)
            return
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(17)
        var pointPosition = -1
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in value.description.utf8 {
            switch byte {
            case UInt8(ascii: "-") where !inExponent: continue
            case UInt8(ascii: "-"): exponentSign = -1
            case UInt8(ascii: "+"): continue
            case UInt8(ascii: "."): pointPosition = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                } else {
                    digits.append(byte)
                }
            default: continue
            }
        }
        if pointPosition < 0 { pointPosition = digits.count }
        // value = 0.DIGITS × 10^decimalPoint
        var decimalPoint = pointPosition + exponentSign * exponent
        var leading = 0
        while leading < digits.count - 1, digits[leading] == UInt8(ascii: "0") {
            leading += 1
            decimalPoint -= 1
        }
        var end = digits.count
        while end > leading + 1, digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
        let significant = digits[leading..<end]
        if value < 0 { out.append(UInt8(ascii: "-")) }
        if decimalPoint > -4 && decimalPoint <= 16 {
            appendFixed(significant, decimalPoint: decimalPoint, to: &out)
        } else {
            appendExponential(significant, decimalPoint: decimalPoint, to: &out)
        }
    }

    private static func appendFixed(_ digits: ArraySlice<UInt8>, decimalPoint: Int, to out: inout [UInt8]) {
        if decimalPoint <= 0 {
            out.append(contentsOf: "0.".utf8)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -decimalPoint))
            out.append(contentsOf: digits)
        } else if decimalPoint >= digits.count {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimalPoint - digits.count))
            out.append(contentsOf: ".0".utf8)
        } else {
            let split = digits.startIndex + decimalPoint
            out.append(contentsOf: digits[..<split])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[split...])
        }
    }

    private static func appendExponential(_ digits: ArraySlice<UInt8>, decimalPoint: Int, to out: inout [UInt8]) {
        out.append(digits[digits.startIndex])
        if digits.count > 1 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits.dropFirst())
        }
        let exponent = decimalPoint - 1
        out.append(UInt8(ascii: "e"))
        out.append(UInt8(ascii: exponent < 0 ? "-" : "+"))
        let magnitude = exponent.magnitude
        if magnitude < 10 { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: String(magnitude).utf8)
    }
}
