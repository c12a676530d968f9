/// An option whose value cbor2 refuses: a value of another type (cbor2's `TypeError`, e.g.
/// `immutable=1`, `max_depth="5"`), or one outside the option's values (`ValueError`,
/// `str_errors="nope"`; `OverflowError`, a negative `max_depth`). The testee exits with status
/// 1 for it, as a decode or encode cbor2 refuses; an option it does not know is status 3.
public struct InvalidOption: Error, CustomStringConvertible {
    /// The option's key.
    public let key: String
    /// What is wrong with its value.
    public let what: String

    /// Creates the error.
    public init(_ key: String, _ what: String) {
        self.key = key
        self.what = what
    }

    /// The sentence.
    public var description: String { "invalid option \(key): \(what)" }

    /// `value` as a `bool`, which cbor2 requires of its flags (an integer or `null` is a
    /// `TypeError` there, not Python's truthiness).
    static func flag(_ value: JSONValue, _ key: String) throws -> Bool {
        guard let flag = value.bool else { throw InvalidOption(key, "\(value.serialized) is not a bool") }
        return flag
    }

    /// `value` as an integer, which cbor2 requires of `max_depth` and a `timezone`'s seconds
    /// (text or a fraction is a `TypeError` there).
    static func integer(_ value: JSONValue, _ key: String) throws -> Int {
        guard case .number(let text) = value, let integer = Int(text) else {
            throw InvalidOption(key, "\(value.serialized) is not an integer")
        }
        return integer
    }

    /// `value` as text: a hook's or `str_errors`'s name.
    static func name(_ value: JSONValue, _ key: String) throws -> String {
        guard case .string(let text) = value else { throw InvalidOption(key, "\(value.serialized) is not text") }
        return text
    }
}
