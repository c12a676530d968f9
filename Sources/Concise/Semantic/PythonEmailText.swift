import Foundation

/// MIME message text as cbor2 gives it back: `email.parser.Parser().parsestr(text)` (Python
/// 3.11, the `compat32` policy), written out again by `as_string()`. The parser reads header
/// lines up to the first line that is not one (a blank line there is the separator), drops
/// what it cannot use (a leading `From ` line, a header without a name, a continuation line
/// with no header before it); the generator writes each header as `Name: value`, puts a
/// header with non-ASCII text in RFC 2047 encoded words (UTF-8, Base64 or Q, whichever is
/// shorter), ends every line with `\n`, and writes a `message/*` body as a message of its own.
///
/// A `multipart/*` body is kept as written when no line opens a part with its boundary (Python
/// keeps it as one string), and otherwise only its line ends change: Python writes each part
/// again, which this does not (a part's own headers stay as they are).
enum PythonEmailText {
    /// `Parser().parsestr(text).as_string()`.
    static func asString(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let all = lines(scalars)
        var message = all[...]
        var output = ""
        // A message/* body is a message of its own: written in turn, without recursion, and
        // on the lines already split (each level costs its header lines only).
        while true {
            let parsed = parse(message)
            output += parsed.headers.map { $0 + "\n" }.joined() + "\n"
            guard parsed.isMessage else {
                // A last header line that starts with "From " is the body's first line. (In a
                // message/* body it would be the inner message's first line, which the parser
                // drops as an envelope line.)
                if let line = parsed.pushedBack { output += normalized([line][...]) }
                output += parsed.isRaw ? String(String.UnicodeScalarView(parsed.body.joined())) : normalized(parsed.body)
                return output
            }
            message = parsed.body
        }
    }

    // MARK: Lines

    /// The lines of `scalars`, each with its end (`\r\n`, `\r` or `\n`; the last may have none),
    /// as the feed parser splits them.
    private static func lines(_ scalars: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        split(scalars, keepingEnds: true) { $0 == "\r" || $0 == "\n" }
    }

    /// `scalars` cut after each line end (a scalar that `isEnd` takes, or `\r\n`), the ends
    /// kept with their lines or dropped (Python's `str.splitlines()`); no empty line after a
    /// last end.
    private static func split(
        _ scalars: [Unicode.Scalar], keepingEnds: Bool, at isEnd: (Unicode.Scalar) -> Bool
    ) -> [ArraySlice<Unicode.Scalar>] {
        var lines: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard isEnd(scalar) else {
                index += 1
                continue
            }
            let end = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" ? index + 2 : index + 1
            lines.append(scalars[start..<(keepingEnds ? end : index)])
            index = end
            start = end
        }
        if start < scalars.count { lines.append(scalars[start...]) }
        return lines
    }

    /// `line` without its line end.
    private static func content(_ line: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var end = line.endIndex
        while end > line.startIndex, line[end - 1] == "\r" || line[end - 1] == "\n" { end -= 1 }
        return line[line.startIndex..<end]
    }

    /// Text with every line end made `\n` (the generator's `_write_lines`).
    private static func normalized(_ lines: ArraySlice<ArraySlice<Unicode.Scalar>>) -> String {
        // Gathered as UTF-8 in an array, which grows geometrically, and made text once:
        // appending each line to a `String.UnicodeScalarView` made new storage every time,
        // which took time growing with the square of the lines (2.8 MB of nested parts: 25 s).
        var utf8: [UInt8] = []
        utf8.reserveCapacity(lines.reduce(0) { $0 + $1.count })
        for line in lines {
            let body = content(line)
            for scalar in body {
                UTF8.encode(scalar) { utf8.append($0) }
            }
            if body.count < line.count { utf8.append(UInt8(ascii: "\n")) }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Python's `headerRE`: `From `, a run of printable ASCII but `:` then `:`, or white space.
    private static func isHeaderLine(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = line.first else { return false }
        if first == " " || first == "\t" || line.starts(with: "From ".unicodeScalars) { return true }
        for scalar in line {
            if scalar == ":" { return true }
            guard (0x21...0x7e).contains(scalar.value) else { return false }
        }
        return false
    }

    // MARK: Parsing

    /// A message's header lines written out, and its body: the lines after the separator,
    /// whether they are a message of their own, or a multipart body kept as written.
    private struct Parsed {
        var headers: [String]
        var body: ArraySlice<ArraySlice<Unicode.Scalar>>
        var pushedBack: ArraySlice<Unicode.Scalar>?
        var isMessage = false
        var isRaw = false
    }

    private static func parse(_ all: ArraySlice<ArraySlice<Unicode.Scalar>>) -> Parsed {
        var index = all.startIndex
        var headerLines: [ArraySlice<Unicode.Scalar>] = []
        while index < all.endIndex {
            let line = all[index]
            guard isHeaderLine(line) else {
                if line.first == "\r" || line.first == "\n" { index += 1 }  // the separator
                break
            }
            headerLines.append(line)
            index += 1
        }
        var pushedBack: ArraySlice<Unicode.Scalar>?
        var fields: [(name: ArraySlice<Unicode.Scalar>, source: [ArraySlice<Unicode.Scalar>])] = []
        var current: (name: ArraySlice<Unicode.Scalar>, source: [ArraySlice<Unicode.Scalar>])?
        for (number, line) in headerLines.enumerated() {
            if line.first == " " || line.first == "\t" {
                current?.source.append(line)  // a continuation with no header before it is dropped
                continue
            }
            if let field = current { fields.append(field) }
            current = nil
            if line.starts(with: "From ".unicodeScalars) {
                // The envelope line first is dropped; last, it is the body's first line.
                if number == headerLines.count - 1, number > 0 { pushedBack = line }
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex else { continue }  // no name
            current = (line[line.startIndex..<colon], [line])
        }
        if let field = current { fields.append(field) }
        var parsed = Parsed(headers: [], body: all[index...], pushedBack: pushedBack)
        var contentType: String?
        for field in fields {
            let value = headerValue(field.source, nameLength: field.name.count)
            let name = String(String.UnicodeScalarView(field.name))
            if contentType == nil, name.lowercased() == "content-type" { contentType = String(String.UnicodeScalarView(value)) }
            parsed.headers.append(name + ": " + encodedValue(value))
        }
        let type = contentType.map { ($0.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "") }
            .map { $0.trimmingPythonSpace().lowercased() } ?? "text/plain"
        let parts = type.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return parsed }
        if parts[0] == "message", parts[1] != "delivery-status" {
            parsed.isMessage = true
        } else if parts[0] == "multipart" {
            let boundary = contentType.flatMap(boundary(in:))
            parsed.isRaw = !(boundary.map { boundary in parsed.body.contains { opens(boundary, $0) } } ?? false)
        }
        return parsed
    }

    /// A header's value as `compat32` parses it: the first line after the colon without the
    /// spaces and tabs that lead it, the continuation lines as they are, no line end at the end.
    private static func headerValue(_ source: [ArraySlice<Unicode.Scalar>], nameLength: Int) -> [Unicode.Scalar] {
        var value = Array(source[0].dropFirst(nameLength + 1).drop { $0 == " " || $0 == "\t" })
        for line in source.dropFirst() { value += line }
        while let last = value.last, last == "\r" || last == "\n" { value.removeLast() }
        return value
    }

    /// The `boundary` parameter of a Content-Type value, unquoted.
    private static func boundary(in contentType: String) -> [Unicode.Scalar]? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingPythonSpace().lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingPythonSpace()
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : Array(value.unicodeScalars)
        }
        return nil
    }

    /// Whether `line` opens a part of `boundary`: `--boundary`, then only spaces or tabs (a
    /// closing `--boundary--` opens none).
    private static func opens(_ boundary: [Unicode.Scalar], _ line: ArraySlice<Unicode.Scalar>) -> Bool {
        let text = content(line)
        guard text.starts(with: ["-", "-"] + boundary) else { return false }
        return text.dropFirst(boundary.count + 2).allSatisfy { $0 == " " || $0 == "\t" }
    }

    // MARK: Header values

    /// The value as `Header(value).encode()` writes it with no line length limit.
    private static func encodedValue(_ value: [Unicode.Scalar]) -> String {
        let isASCII = value.allSatisfy(\.isASCII)
        let lines = splitLines(value)
        guard !isASCII else { return asciiValue(lines) }
        var output = lines.first.map { $0.isEmpty ? "" : encodedWord(String(String.UnicodeScalarView($0))) } ?? ""
        for line in lines.dropFirst() {
            let stripped = line.drop(while: \.isPythonSpace)
            output += "\n " + encodedWord(" " + String(String.UnicodeScalarView(stripped)))
        }
        return output
    }

    /// An ASCII value's lines: each but a lone first line loses one trailing space (its last
    /// run of blanks, when that run is one space); a later line of blanks alone joins the line
    /// before it, or vanishes when it is one space.
    private static func asciiValue(_ lines: [ArraySlice<Unicode.Scalar>]) -> String {
        guard lines.count > 1 else { return lines.first.map { String(String.UnicodeScalarView($0)) } ?? "" }
        var output: [String] = []
        for (number, line) in lines.enumerated() {
            var text = line
            if text.last == " ", text.count == 1 || (text[text.endIndex - 2] != " " && text[text.endIndex - 2] != "\t") {
                text = text.dropLast()
            }
            let string = String(String.UnicodeScalarView(text))
            if number == 0 {
                output.append(string)
            } else if text.isEmpty {
                continue
            } else if text.allSatisfy(\.isPythonSpace) {
                output[output.count - 1] += string
            } else {
                output.append(string)
            }
        }
        return output.joined(separator: "\n")
    }

    /// Python's `str.splitlines()`.
    private static func splitLines(_ value: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        split(value, keepingEnds: false) { [0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029].contains($0.value) }
    }

    /// An RFC 2047 encoded word for `text` in UTF-8: Base64 when shorter than Q, else Q.
    private static func encodedWord(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let base64Length = (bytes.count + 2) / 3 * 4
        let qLength = bytes.reduce(0) { $0 + (isQSafe($1) || $1 == 0x20 ? 1 : 3) }
        if base64Length < qLength {
            return "=?utf-8?b?" + Data(bytes).base64EncodedString() + "?="
        }
        let hex = Array("0123456789ABCDEF".utf8)
        var q: [UInt8] = []
        for byte in bytes {
            if isQSafe(byte) {
                q.append(byte)
            } else if byte == 0x20 {
                q.append(0x5f)  // _
            } else {
                q += [0x3d, hex[Int(byte >> 4)], hex[Int(byte & 0xf)]]
            }
        }
        return "=?utf-8?q?" + String(decoding: q, as: UTF8.self) + "?="
    }

    /// The bytes Q writes as themselves: letters, digits and `!*+-/`.
    private static func isQSafe(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
            || [0x21, 0x2a, 0x2b, 0x2d, 0x2f].contains(byte)
    }
}

extension StringProtocol {
    /// Without the white space around it, as Python's `str.strip()` removes it.
    fileprivate func trimmingPythonSpace() -> String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.isPythonSpace }), let last = scalars.lastIndex(where: { !$0.isPythonSpace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
