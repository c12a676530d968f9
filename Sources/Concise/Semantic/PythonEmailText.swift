import Foundation

/// MIME message text as cbor2 gives it back: `email.parser.Parser().parsestr(text)` (Python
/// 3.11, the `compat32` policy), written out again by `as_string()`. The parser reads header
/// lines up to the first line that is not one (a blank line there is the separator), drops
/// what it cannot use (a leading `From ` line, a header without a name, a continuation line
/// with no header before it); the generator writes each header as `Name: value`, puts a
/// header with non-ASCII text in RFC 2047 encoded words (UTF-8, Base64 or Q, whichever is
/// shorter), ends every line with `\n`, and writes a `message/*` body as a message of its own.
///
/// A `multipart/*` body is split into its preamble, parts and epilogue as the feed parser
/// splits it, and each part is written again as a message of its own (see
/// ``multipart(_:separator:leading:)``). A multipart body with no boundary parameter is kept
/// as written, and so is one in which no line opens a part (up to a closing boundary line),
/// as Python keeps either as one string.
enum PythonEmailText {
    /// `Parser().parsestr(text).as_string()`.
    static func asString(_ text: String) -> String {
        let all = lines(Array(text.unicodeScalars))
        var output = ""
        var budget = splittingBudget(lineCount: all.count)
        write(all[...], budget: &budget, into: &output)
        return output
    }

    /// Multipart bodies nested deeper than this are kept as written: their parts are written
    /// by recursion. (Python's generator itself fails at 246 levels of nested messages.)
    static var multipartDepthLimit: Int { 100 }

    /// How many lines the multipart bodies of a message of `lineCount` lines may take
    /// together to be split: each level of nesting looks at the lines of its own body again,
    /// as Python's parser does, which grows with the depth times the length. Past the budget a
    /// multipart body is kept as written, so the time stays linear in the input.
    static func splittingBudget(lineCount: Int) -> Int {
        8 * lineCount + 65_536
    }

    /// Writes the message of `source` as the generator writes it. `defaultType` is the content
    /// type of a message without one (`message/rfc822` for the parts of a `multipart/digest`);
    /// `endsAtBoundary` says that a boundary line follows it, which takes the line end before
    /// it (RFC 2046): off the text at the end, or off the epilogue of a multipart at the end.
    private static func write(
        _ source: ArraySlice<ArraySlice<Unicode.Scalar>>, defaultType: String = "text/plain",
        endsAtBoundary: Bool = false, depth: Int = 0, budget: inout Int, into output: inout String
    ) {
        var message = source
        var defaultType = defaultType
        // A message/* body is a message of its own: written in turn, without recursion, and
        // on the lines already split (each level costs its header lines only).
        while true {
            let parsed = parse(message, defaultType: defaultType)
            output += parsed.headers.map { $0 + "\n" }.joined() + "\n"
            switch parsed.body {
            case .message(let inner):
                message = inner
                defaultType = "text/plain"
                continue
            case .text(let leading, let body):
                var lines = (leading.map { [$0] } ?? []) + body
                if endsAtBoundary, let last = lines.last { lines[lines.count - 1] = content(last) }
                output += normalized(lines[...])
            case .multipart(let leading, let body, let boundary?, let isDigest):
                let separator: [Unicode.Scalar] = ["-", "-"] + boundary
                guard depth < multipartDepthLimit, body.count <= budget,
                      let split = multipart(body, separator: separator, leading: leading)
                else {
                    output += raw(body, separator: separator, leading: leading)
                    return
                }
                budget -= body.count
                writeMultipart(split, separator: separator, isDigest: isDigest, endsAtBoundary: endsAtBoundary, depth: depth,
                               budget: &budget, into: &output)
            case .multipart(let leading, let body, nil, _):
                // No boundary: Python keeps the body as one string, and writes it as it is.
                output += String(String.UnicodeScalarView(((leading.map { [$0] } ?? []) + body).joined()))
            }
            return
        }
    }

    /// Writes a split multipart body as the generator's `_handle_multipart` does: the preamble
    /// and a line end, each part after a boundary line, the closing boundary, the epilogue.
    private static func writeMultipart(
        _ body: MultipartBody, separator: [Unicode.Scalar], isDigest: Bool, endsAtBoundary: Bool, depth: Int,
        budget: inout Int, into output: inout String
    ) {
        let separator = String(String.UnicodeScalarView(separator))
        if let preamble = body.preamble {
            output += normalized(preamble[...]) + "\n"
        }
        output += separator + "\n"
        for (number, part) in body.parts.enumerated() {
            if number > 0 { output += "\n" + separator + "\n" }
            write(part, defaultType: isDigest ? "message/rfc822" : "text/plain", endsAtBoundary: true, depth: depth + 1,
                  budget: &budget, into: &output)
        }
        output += "\n" + separator + "--\n"
        guard var epilogue = body.epilogue else { return }
        if endsAtBoundary {
            // The parser sets an empty epilogue to none, and takes one line end off another.
            guard let last = epilogue.last else { return }
            epilogue[epilogue.endIndex - 1] = content(last)
        }
        output += normalized(epilogue)
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

    /// A message's header lines written out, and its body.
    private struct Parsed {
        var headers: [String]
        var body: Body
    }

    /// What follows a message's headers, by its content type: its lines, and a last header
    /// line that starts with `From ` (`leading`), which the parser pushed back as the body's
    /// first line.
    private enum Body {
        /// Text.
        case text(leading: ArraySlice<Unicode.Scalar>?, ArraySlice<ArraySlice<Unicode.Scalar>>)
        /// A message of its own (`message/*`, but `message/delivery-status`), whose parser drops
        /// a pushed-back line as its envelope line.
        case message(ArraySlice<ArraySlice<Unicode.Scalar>>)
        /// A `multipart/*` body, and its boundary parameter.
        case multipart(leading: ArraySlice<Unicode.Scalar>?, ArraySlice<ArraySlice<Unicode.Scalar>>,
                       boundary: [Unicode.Scalar]?, isDigest: Bool)
    }

    private static func parse(_ all: ArraySlice<ArraySlice<Unicode.Scalar>>, defaultType: String) -> Parsed {
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
        let body = all[index...]
        var parsed = Parsed(headers: [], body: .text(leading: pushedBack, body))
        var contentType: String?
        for field in fields {
            let value = headerValue(field.source, nameLength: field.name.count)
            let name = String(String.UnicodeScalarView(field.name))
            if contentType == nil, name.lowercased() == "content-type" { contentType = String(String.UnicodeScalarView(value)) }
            parsed.headers.append(name + ": " + encodedValue(value))
        }
        let type = contentType.map { ($0.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "") }
            .map { $0.trimmingPythonSpace().lowercased() } ?? defaultType
        let parts = type.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return parsed }
        if parts[0] == "message", parts[1] != "delivery-status" {
            parsed.body = .message(body)
        } else if parts[0] == "multipart" {
            parsed.body = .multipart(leading: pushedBack, body, boundary: contentType.flatMap(boundary(in:)), isDigest: parts[1] == "digest")
        }
        return parsed
    }

    // MARK: Multipart bodies

    /// A multipart body as the feed parser splits it: the lines of each part, and the preamble
    /// (with no line end at its end) and epilogue when it sets them.
    private struct MultipartBody {
        var preamble: [ArraySlice<Unicode.Scalar>]?
        var parts: [ArraySlice<ArraySlice<Unicode.Scalar>>] = []
        var epilogue: ArraySlice<ArraySlice<Unicode.Scalar>>?
    }

    /// `body` (after a pushed-back `leading` line) split at the lines of `separator`
    /// (`--boundary`), or `nil` when no line opens a part (Python then keeps the body as one
    /// string, ``raw(_:separator:leading:)``).
    ///
    /// The lines before the first `--boundary` are the preamble; each `--boundary` line (and
    /// any boundary lines right after it) opens a part, which runs to the next boundary line
    /// or the end; `--boundary--` closes the body, and what follows it is the epilogue. Without
    /// a closing line there is no epilogue. (An enclosing multipart's boundary line ends its
    /// part before this body sees it. A pushed-back line starts with `From `, so it is no
    /// boundary line.)
    private static func multipart(
        _ body: ArraySlice<ArraySlice<Unicode.Scalar>>, separator: [Unicode.Scalar], leading: ArraySlice<Unicode.Scalar>?
    ) -> MultipartBody? {
        guard let first = body.firstIndex(where: { boundaryLine(separator, $0) != nil }),
              boundaryLine(separator, body[first]) == .opening
        else { return nil }
        var split = MultipartBody()
        let preamble = (leading.map { [$0] } ?? []) + body[body.startIndex..<first]
        if let last = preamble.last {
            split.preamble = preamble.dropLast() + [content(last)]
        }
        var index = first
        while index < body.endIndex {
            guard let line = boundaryLine(separator, body[index]) else { break }  // never: parts end at boundary lines
            if line == .closing {
                // An epilogue after a line end holds the lines that follow, an empty one at the end.
                split.epilogue = body[(index + 1)...]
                break
            }
            // This boundary line, and any that follow it, open the part.
            index += 1
            while index < body.endIndex, boundaryLine(separator, body[index]) != nil { index += 1 }
            let start = index
            while index < body.endIndex, boundaryLine(separator, body[index]) == nil { index += 1 }
            split.parts.append(body[start..<index])
        }
        return split
    }

    /// What a boundary line does.
    private enum BoundaryLine {
        /// `--boundary`: opens a part.
        case opening
        /// `--boundary--`: closes the body.
        case closing
    }

    /// What `line` is as a line of `separator` (`--boundary`), by Python's `boundaryre`: the
    /// separator, `--` after it when it closes the body, then only spaces and tabs; `nil` when
    /// it is neither.
    private static func boundaryLine(_ separator: [Unicode.Scalar], _ line: ArraySlice<Unicode.Scalar>) -> BoundaryLine? {
        let text = content(line)
        guard text.count >= separator.count, text.starts(with: separator) else { return nil }
        let rest = text.dropFirst(separator.count)
        let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
        if rest.allSatisfy(isBlank) { return .opening }
        guard rest.starts(with: ["-", "-"]), rest.dropFirst(2).allSatisfy(isBlank) else { return nil }
        return .closing
    }

    /// A multipart body in which no line opens a part, as Python keeps it: its lines (after a
    /// pushed-back `leading` line) up to a closing boundary line, line ends as written.
    private static func raw(
        _ body: ArraySlice<ArraySlice<Unicode.Scalar>>, separator: [Unicode.Scalar], leading: ArraySlice<Unicode.Scalar>?
    ) -> String {
        let end = body.firstIndex { boundaryLine(separator, $0) == .closing } ?? body.endIndex
        return String(String.UnicodeScalarView(((leading.map { [$0] } ?? []) + body[..<end]).joined()))
    }

    /// A header's value as `compat32` parses it: the first line after the colon without the
    /// spaces and tabs that lead it, the continuation lines as they are, no line end at the end.
    private static func headerValue(_ source: [ArraySlice<Unicode.Scalar>], nameLength: Int) -> [Unicode.Scalar] {
        var value = Array(source[0].dropFirst(nameLength + 1).drop { $0 == " " || $0 == "\t" })
        for line in source.dropFirst() { value += line }
        while let last = value.last, last == "\r" || last == "\n" { value.removeLast() }
        return value
    }

    /// The `boundary` parameter of a Content-Type value as `Message.get_boundary()` gives it:
    /// parameters split at semicolons outside quotes, the first named `boundary` (any case),
    /// unquoted, without white space at its end; `nil` when there is none or it is empty.
    private static func boundary(in contentType: String) -> [Unicode.Scalar]? {
        for parameter in parameters(contentType.unicodeScalars).dropFirst() {
            guard let equals = parameter.firstIndex(of: "="),
                  String(String.UnicodeScalarView(parameter[..<equals])).trimmingPythonSpace().lowercased() == "boundary"
            else { continue }
            // `get_param` unquotes the value, and `collapse_rfc2231_value` once more.
            let value = String(String.UnicodeScalarView(parameter[parameter.index(after: equals)...])).trimmingPythonSpace()
            var scalars = Array(unquoted(Array(unquoted(Array(value.unicodeScalars)).unicodeScalars)).unicodeScalars)
            while let last = scalars.last, last.isPythonSpace { scalars.removeLast() }
            return scalars.isEmpty ? nil : scalars
        }
        return nil
    }

    /// A header value cut at each semicolon outside double quotes (Python's `_parseparam`).
    private static func parameters(_ value: String.UnicodeScalarView) -> [ArraySlice<Unicode.Scalar>] {
        let scalars = Array(value)
        var parameters: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        var quotes = 0
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\"", index == 0 || scalars[index - 1] != "\\" { quotes += 1 }
            if scalar == ";", quotes % 2 == 0 {
                parameters.append(scalars[start..<index])
                start = index + 1
            }
        }
        parameters.append(scalars[start...])
        return parameters
    }

    /// Python's `email.utils.unquote`: text in double quotes without them (and with `\\` and
    /// `\"` unescaped), or in angle brackets without them.
    private static func unquoted(_ value: [Unicode.Scalar]) -> String {
        let text = String(String.UnicodeScalarView(value))
        guard value.count > 1 else { return text }
        if value.first == "\"", value.last == "\"" {
            return String(text.unicodeScalars.dropFirst().dropLast())
                .replacingOccurrences(of: "\\\\", with: "\\").replacingOccurrences(of: "\\\"", with: "\"")
        }
        if value.first == "<", value.last == ">" { return String(text.unicodeScalars.dropFirst().dropLast()) }
        return text
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
