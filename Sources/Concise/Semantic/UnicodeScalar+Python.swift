extension Unicode.Scalar {
    /// Python's `str.isspace` for this one character: Unicode white space, and the separators
    /// U+001C to U+001F, which Python counts too.
    var isPythonSpace: Bool {
        properties.isWhitespace || (0x1c...0x1f).contains(value)
    }

    /// `0`–`9`, `a`–`f` or `A`–`F`: what Python's `ipaddress` and `re` take for a hex digit
    /// (unlike `Character.isHexDigit`, no full-width forms).
    var isASCIIHexDigit: Bool {
        (0x30...0x39).contains(value) || (0x41...0x46).contains(value) || (0x61...0x66).contains(value)
    }
}
