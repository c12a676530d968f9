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
        guard isUnicode14, properties.numericType == .decimal, let value = properties.numericValue else { return nil }
        return UInt8(value)
    }

    /// Whether Python 3.11's `str.isidentifier` takes this character first (`_` aside): XID_Start
    /// of Unicode 14. (Swift's tables are newer; of the characters Unicode 14 has, they differ
    /// from Python's on none for XID_Start.)
    var isPythonIdentifierStart: Bool {
        isUnicode14 && properties.isXIDStart
    }

    /// Whether Python 3.11's `str.isidentifier` takes this character after the first:
    /// XID_Continue of Unicode 14. Unicode 15.1 added four older characters to it (the zero-width
    /// non-joiner and joiner, and the two katakana middle dots), which Python 3.11 refuses.
    var isPythonIdentifierContinue: Bool {
        isUnicode14 && properties.isXIDContinue && ![0x200C, 0x200D, 0x30FB, 0xFF65].contains(value)
    }

    /// Python's `str.isalpha` for this one character: general category Lu, Ll, Lt, Lm or Lo of
    /// Unicode 14 (not Unicode's Alphabetic property, which also takes marks such as U+0345 and
    /// letter numbers).
    var isPythonAlpha: Bool {
        guard isUnicode14 else { return false }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Python's `str.isprintable` for this one character, which `repr` leaves unescaped: not a
    /// control, format, surrogate, private-use, unassigned (in Unicode 14) or separator
    /// character, the space aside.
    var isPythonPrintable: Bool {
        guard value != 0x20 else { return true }
        guard isUnicode14 else { return false }
        switch properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// Whether this character is in Unicode 14, whose tables Python 3.11 uses.
    private var isUnicode14: Bool {
        guard let age = properties.age else { return false }
        return age.major <= 14
    }

    /// `0`–`9`, `a`–`f` or `A`–`F`: what Python's `ipaddress` and `re` take for a hex digit
    /// (unlike `Character.isHexDigit`, no full-width forms).
    var isASCIIHexDigit: Bool {
        (0x30...0x39).contains(value) || (0x41...0x46).contains(value) || (0x61...0x66).contains(value)
    }
}
