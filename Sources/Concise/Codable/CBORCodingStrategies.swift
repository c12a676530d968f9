import Foundation

/// How Codable writes and reads `Date`.
public enum CBORDateStrategy: Sendable {
    /// Tag 1 with the seconds since 1970 (an integer when whole, else a double). The default.
    ///
    /// A date that is not finite (`Date(timeIntervalSince1970: .infinity)`) is no time: encoding
    /// it throws `EncodingError.invalidValue` with its coding path.
    case epochTime
    /// Tag 0 with RFC 3339 text in UTC (`2013-03-21T20:04:00Z`, microseconds when present).
    ///
    /// RFC 3339 years have four digits: a date before 0001-01-01T00:00:00Z or after
    /// 9999-12-31T23:59:59.999999Z throws `EncodingError.invalidValue` with its coding path
    /// (``epochTime`` writes it).
    case iso8601
    /// The date's own Codable form (a `Double` of seconds since 2001), untagged.
    case deferredToDate
    /// Your encoder writes the date.
    case custom(@Sendable (Date, any Encoder) throws -> Void)
}

/// How Codable reads `Date`: every built-in form is accepted, or your decoder decides.
public enum CBORDateDecodingStrategy: Sendable {
    /// Tag 0 text and untagged text (RFC 3339 date-times), tag 1 numbers and untagged numbers
    /// (seconds since 1970), tag 100 integers (days since 1970, RFC 8943) and tag 1004 text
    /// (RFC 3339 full-dates, at midnight UTC). Any other tag is a type mismatch. The default.
    case flexible
    /// The date's own Codable form (a `Double` of seconds since 2001).
    case deferredToDate
    /// Your decoder reads the date.
    case custom(@Sendable (any Decoder) throws -> Date)
}

/// How Codable writes keyed containers' keys.
public enum CBORKeyStrategy: Sendable, Hashable {
    /// Text keys from `CodingKey.stringValue`. The default.
    case useStringKeys
    /// Integer keys from `CodingKey.intValue`, as COSE and WebAuthn use; a key without an
    /// integer value is written as text.
    ///
    /// A key whose `stringValue` is a name (`kty` in `case kty = 1`) or exactly the decimal text
    /// of its `intValue` (`"5"`, `"-5"`) is written as the integer. A key whose `stringValue` is
    /// other integer text (`"01"`, `"+5"`, `"-0"`, `"007"`, which the standard library's
    /// `[String: V]` key gives an `intValue`) is written as that text, so no dictionary key is
    /// rewritten and no two are merged.
    case useIntegerKeys
}
