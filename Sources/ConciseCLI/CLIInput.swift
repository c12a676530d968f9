import Foundation

/// Where a command reads its input: a file, or standard input when the path is absent or `-`.
public enum CLIInput {
    /// The bytes of `path` (or of standard input), decoded from hex text when `hex` is set.
    /// - Throws: ``CLIError`` when the file cannot be read or the hex text is malformed.
    public static func read(_ path: String?, hex: Bool = false) throws -> [UInt8] {
        let raw: [UInt8]
        if let path, path != "-" {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read \(path)")
            }
            raw = [UInt8](data)
        } else {
            raw = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        if raw.count > 100_000_000, isatty(STDERR_FILENO) != 0 {
            FileHandle.standardError.write(Data("concise: read \(raw.count / 1_000_000) MB\n".utf8))
        }
        return hex ? try decodeHex(raw) : raw
    }

    /// Bytes from base64 text, ignoring characters outside the alphabet as Python's
    /// `base64.b64decode` does.
    /// - Throws: ``CLIError`` when the text is not whole base64 groups.
    public static func decodeBase64(_ text: [UInt8]) throws -> [UInt8] {
        let alphabet = text.filter { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): true
            default: false
            }
        }
        guard let data = Data(base64Encoded: Data(alphabet)) else { throw CLIError("the base64 input is incorrectly padded") }
        return [UInt8](data)
    }

    /// Bytes from hex text; whitespace is ignored.
    public static func decodeHex(_ text: [UInt8]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var high: UInt8?
        for (position, character) in text.enumerated() {
            let value: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = character - UInt8(ascii: "A") + 10
            case 0x20, 0x09, 0x0a, 0x0d: continue
            default: throw CLIError("not a hex digit at character \(position) of the input")
            }
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        guard high == nil else { throw CLIError("the hex input has an odd number of digits") }
        return bytes
    }
}

/// A failure of a command, printed as one line on standard error; exit status 1.
public struct CLIError: Error, CustomStringConvertible {
    /// The line to print.
    public let description: String

    /// Creates the error.
    public init(_ description: String) {
        self.description = description
    }
}
