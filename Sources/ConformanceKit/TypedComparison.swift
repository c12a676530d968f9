import Foundation

/// Compares typed descriptions by the contract's rules: floats by bits (any NaN equals any NaN),
/// datetimes by `epoch_us` and `offset_s`, decimals by value (a bigfloat may stand for one), ip
/// nodes by `packed_hex`/`prefix`/`scope`, MIME text with line endings normalised, `repr` and
/// `frozen` ignored; maps in order.
public enum TypedComparison {
    /// Whether `actual` matches `expected`.
    public static func matches(_ actual: JSONValue, _ expected: JSONValue) -> Bool {
        guard let kind = expected["t"]?.string else { return actual == expected }
        let actualKind = actual["t"]?.string
        switch kind {
        case "float":
            guard actualKind == "float", let a = bits(actual), let e = bits(expected) else { return false }
            return a == e || (a.isNaN && e.isNaN)
        case "datetime":
            return actualKind == "datetime" && actual["epoch_us"]?.string == expected["epoch_us"]?.string
                && (actual["offset_s"] ?? .null).string == (expected["offset_s"] ?? .null).string
        case "decimal":
            if let special = expected["special"]?.string { return actual["special"]?.string == special }
            if actualKind == "bigfloat" {
                return decimalValue(expected) == bigFloatValue(actual)
            }
            return actualKind == "decimal" && ["sign", "digits", "exp"].allSatisfy { actual[$0]?.string == expected[$0]?.string }
        case let ip where ip.hasPrefix("ipv"):
            return actualKind == kind && ["packed_hex", "prefix", "scope"].allSatisfy { actual[$0]?.string == expected[$0]?.string }
        case "mime":
            return actualKind == "mime" && normalized(actual["v"]?.string) == normalized(expected["v"]?.string)
        case "array", "set":
            guard actualKind == kind, let a = actual["v"]?.array, let e = expected["v"]?.array, a.count == e.count else { return false }
            return zip(a, e).allSatisfy { matches($0, $1) }
        case "map":
            guard actualKind == "map", let a = actual["v"]?.array, let e = expected["v"]?.array, a.count == e.count else { return false }
            return zip(a, e).allSatisfy { matches($0, $1) }
        case "tag":
            guard actualKind == "tag", actual["tag"]?.string == expected["tag"]?.string,
                let a = actual["v"], let e = expected["v"]
            else { return false }
            return matches(a, e)
        case "complex":
            guard actualKind == "complex", let ar = actual["real"], let er = expected["real"], let ai = actual["imag"], let ei = expected["imag"] else {
                return false
            }
            return matches(ar, er) && matches(ai, ei)
        default:
            return stripped(actual) == stripped(expected)
        }
    }

    private static func bits(_ node: JSONValue) -> Double? {
        node["bits"]?.string.flatMap { UInt64($0, radix: 16) }.map { Double(bitPattern: $0) }
    }

    private static func normalized(_ text: String?) -> String? {
        text?.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func decimalValue(_ node: JSONValue) -> Double? {
        guard let digits = node["digits"]?.string.flatMap({ Double($0) }), let exp = node["exp"]?.string.flatMap({ Double($0) }) else {
            return nil
        }
        return (node["sign"]?.string == "1" ? -1 : 1) * digits * pow10(exp)
    }

    private static func bigFloatValue(_ node: JSONValue) -> Double? {
        guard let mantissa = node["mantissa"]?.string.flatMap({ Double($0) }), let exp = node["exp"]?.string.flatMap({ Int($0) }) else {
            return nil
        }
        return mantissa * Double(sign: .plus, exponent: exp, significand: 1)
    }

    private static func pow10(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(abs(exponent)) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    private static func stripped(_ node: JSONValue) -> JSONValue {
        guard case .object(let members) = node else { return node }
        return .object(members.filter { $0.0 != "repr" && $0.0 != "frozen" })
    }
}
