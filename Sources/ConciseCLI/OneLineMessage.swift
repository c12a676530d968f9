/// Error messages as one line of text, for stderr and the C interface's `message`: they quote
/// input (a dtype, a key), and a newline, a NUL or another control character there would break
/// the line, or end a C string early.
public enum OneLineMessage {
    /// `message` with every control character (C0, DEL, C1) and line or paragraph separator
    /// written as an escape: `\n`, `\r`, `\t`, else `\u{…}` with the scalar's hex value.
    public static func escaping(_ message: String) -> String {
        guard message.unicodeScalars.contains(where: needsEscape) else { return message }
        var result = ""
        result.reserveCapacity(message.utf8.count)
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where needsEscape(scalar): result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
