extension Unicode.Scalar {
    /// Python's `str.isspace` for this one character: Unicode white space, and the separators
    /// U+001C to U+001F, which Python counts too.
    var isPythonSpace: Bool {
        properties.isWhitespace || (0x1c...0x1f).contains(value)
    }

    /// The value of a decimal digit as Python 3.11 reads one (`\d` in a `re` pattern, `int()`,
    /// `str.isdecimal`): general category Nd of Unicode 14.0, whose tables Python uses (Swift's
    /// are newer, with digits added since); `nil` for any other scalar.
    var pythonDecimalDigitValue: UInt8? {
        guard properties.numericType == .decimal, let age = properties.age, age.major <= 14,
            let value = properties.numericValue
        else { return nil }
        return UInt8(value)
    }

    /// `0`–`9`, `a`–`f` or `A`–`F`: what Python's `ipaddress` and `re` take for a hex digit
    /// (unlike `Character.isHexDigit`, no full-width forms).
    var isASCIIHexDigit: Bool {
        (0x30...0x39).contains(value) || (0x41...0x46).contains(value) || (0x61...0x66).contains(value)
    }
}
