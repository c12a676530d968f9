/// What the dynamic decoder does with text strings that are not valid UTF-8; cbor2's
/// `str_errors`.
public enum CBORStringErrors: Sendable, Hashable {
    /// Fail with ``CBORError/Code/invalidUTF8`` (the default).
    case strict
    /// Replace each ill-formed sequence with U+FFFD, as Python's `errors="replace"`.
    case replace
    /// Drop ill-formed bytes, as Python's `errors="ignore"`.
    case ignore
    /// Write each ill-formed byte as `\xhh`, as Python's `errors="backslashreplace"`.
    case backslashReplace
}
