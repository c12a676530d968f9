extension Unicode.Scalar {
    /// Python's `str.isspace` for this one character: Unicode white space, and the separators
    /// U+001C to U+001F, which Python counts too.
    var isPythonSpace: Bool {
        properties.isWhitespace || (0x1c...0x1f).contains(value)
    }
}
