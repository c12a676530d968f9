extension CBORDecoder {
    /// The item in `bytes` in diagnostic notation with RFC 8949 §8.1 encoding indicators, which
    /// show how it was encoded and not only what it holds; with cbor-diag's parser, the text
    /// gives back the same bytes (but for NaN payloads, which the notation cannot name).
    ///
    /// Beyond ``CBOR/diagnosticDescription``:
    /// - `_0` to `_3` after an integer, a string, a tag number, or an array's or map's opening
    ///   bracket, whose argument took 1, 2, 4 or 8 bytes where fewer would do (`23_0`,
    ///   `"a"_0`, `0_0("x")`, `[_1 1]`);
    /// - `_1`, `_2` or `_3` after every float: half, single or double precision (`1.5_1`);
    /// - `_` for indefinite lengths: `[_ 1, 2]`, `{_ "a": 1}`, `(_ h'01', h'02')`, and `''_`
    ///   or `""_` for an indefinite string of no chunks.
    ///
    /// ```swift
    /// try CBORDecoder().diagnosticNotation(of: [0x9f, 0x18, 0x17, 0xfa, 0x3f, 0xc0, 0x00, 0x00, 0xff])
    /// // "[_ 23_0, 1.5_2]"
    /// ```
    ///
    /// - Throws: ``CBORError`` with the byte offset of the first problem, with this decoder's
    ///   limits (``maxDepth``, ``allowsIndefiniteLength``…), or `trailingData`.
    public func diagnosticNotation(of bytes: [UInt8]) throws(CBORError) -> String {
        _ = try decodeValue(from: bytes)
        var printer = EncodingIndicatorPrinter(bytes: bytes, index: 0)
        printer.printItem()
        return printer.output
    }

    /// Every item of an RFC 8742 sequence in diagnostic notation with encoding indicators
    /// (``diagnosticNotation(of:)``), one text per item.
    /// - Throws: ``CBORError`` for the first item that is not well-formed, with its offset in
    ///   `bytes`.
    public func diagnosticNotation(ofSequence bytes: [UInt8]) throws(CBORError) -> [String] {
        var texts: [String] = []
        var offset = 0
        while offset < bytes.count {
            let end = try bytes.withUnsafeBufferPointer { buffer in
                decodeItem(in: buffer, at: offset).map(\.1)
            }.get()
            var printer = EncodingIndicatorPrinter(bytes: bytes, index: offset)
            printer.printItem()
            texts.append(printer.output)
            offset = end
        }
        return texts
    }
}

/// Writes the diagnostic notation of one well-formed item straight from its bytes, with
/// encoding indicators, and an explicit stack of open containers instead of recursion.
struct EncodingIndicatorPrinter {
    private struct Frame {
        enum Kind { case array, map, tag, chunks }
        let kind: Kind
        /// Items still to come (keys and values for a map); `nil` until a break when indefinite.
        let remaining: Int?
        /// Whether an indicator follows the opening bracket, so a space comes before the items.
        let spaced: Bool
        var printed = 0
    }

    let bytes: [UInt8]
    var index: Int
    private(set) var output = ""

    init(bytes: [UInt8], index: Int) {
        self.bytes = bytes
        self.index = index
    }

    /// Prints the item at ``index`` and moves past it. The item must be well-formed (the
    /// decoder checked it); were it not, the text would stop short, but nothing would trap.
    mutating func printItem() {
        var frames: [Frame] = []
        while true {
            guard let opened = printHead(opening: &frames) else { return }
            // A container, tag or string of chunks just opened: print its first item next,
            // unless it has none.
            if opened, !closeIfEmpty(&frames) { continue }
            guard closeFinished(&frames) else { return }
        }
    }

    /// Prints one head (and a string's payload). Whether it opened a frame (a container, a
    /// tag, an indefinite string of chunks), or `nil` when there was no head to read.
    private mutating func printHead(opening frames: inout [Frame]) -> Bool? {
        guard index < bytes.count else { return nil }
        let initial = bytes[index]
        let (major, info) = (initial >> 5, initial & 0x1f)
        let width = info >= 24 && info < 28 ? 1 << Int(info - 24) : 0
        guard info < 28 || info == 31, width < bytes.count - index else { return nil }
        var argument = UInt64(info)
        if width > 0 {
            argument = 0
            for offset in 1...width { argument = argument << 8 | UInt64(bytes[index + offset]) }
        }
        index += 1 + width
        // `_n` when the argument took more bytes than it needed.
        let indicator = width > Self.preferredWidth(of: argument) ? "_\(info - 24)" : ""
        switch major {
        case 0:
            output += String(argument) + indicator
        case 1:
            output += (argument == .max ? "-18446744073709551616" : "-\(argument + 1)") + indicator
        case 2 where info == 31, 3 where info == 31:
            output += "(_"
            frames.append(Frame(kind: .chunks, remaining: nil, spaced: true))
            return true
        case 2, 3:
            guard let count = Int(exactly: argument), count <= bytes.count - index else { return nil }
            let payload = bytes[index..<index + count]
            index += count
            if major == 2 {
                output += "h'" + payload.map(hex).joined() + "'"
            } else {
                DiagnosticPrinter.appendQuoted(String(decoding: payload, as: UTF8.self), to: &output)
            }
            output += indicator
        case 4, 5:
            let marker = info == 31 ? "_" : indicator
            output += (major == 4 ? "[" : "{") + marker
            let count = Int(clamping: argument)
            let items = major == 4 ? count : count.multipliedReportingOverflow(by: 2).partialValue
            let kind: Frame.Kind = major == 4 ? .array : .map
            frames.append(Frame(kind: kind, remaining: info == 31 ? nil : items, spaced: !marker.isEmpty))
            return true
        case 6:
            output += String(argument) + indicator + "("
            frames.append(Frame(kind: .tag, remaining: 1, spaced: false))
            return true
        default:
            printSimpleOrFloat(info: info, argument: argument)
        }
        return false
    }

    private mutating func printSimpleOrFloat(info: UInt8, argument: UInt64) {
        switch info {
        case 20: output += "false"
        case 21: output += "true"
        case 22: output += "null"
        case 23: output += "undefined"
        case 25:
            let half = Float16(bitPattern: UInt16(truncatingIfNeeded: argument))
            output += DiagnosticPrinter.format(Double(half)) + "_1"
        case 26:
            let single = Float(bitPattern: UInt32(truncatingIfNeeded: argument))
            output += DiagnosticPrinter.format(Double(single)) + "_2"
        case 27:
            output += DiagnosticPrinter.format(Double(bitPattern: argument)) + "_3"
        default: output += "simple(\(argument))"
        }
    }

    /// Whether the innermost frame, just opened, has no items: then it is closed (an empty
    /// indefinite string as `''_` or `""_`). Otherwise the space before its first item.
    private mutating func closeIfEmpty(_ frames: inout [Frame]) -> Bool {
        guard let frame = frames.last else { return true }
        let empty: Bool
        if let remaining = frame.remaining {
            empty = remaining == 0
        } else {
            empty = index < bytes.count && bytes[index] == 0xff
            if empty { index += 1 }
        }
        guard empty else {
            if frame.spaced { output += " " }
            return false
        }
        switch frame.kind {
        case .array: output += "]"
        case .map: output += "}"
        case .tag: output += ")"
        case .chunks:
            // `(_` becomes `''_` or `""_`.
            output.removeLast(2)
            output += bytes[index - 2] >> 5 == 2 ? "''_" : "\"\"_"
        }
        frames.removeLast()
        return true
    }

    /// After an item: closes every frame that has printed its last item (or whose break comes
    /// next), then writes the separator before the next item of the innermost one still open.
    /// Whether an item follows (`false` once the outermost item is complete).
    private mutating func closeFinished(_ frames: inout [Frame]) -> Bool {
        while let last = frames.indices.last {
            frames[last].printed += 1
            let frame = frames[last]
            let finished: Bool
            if let remaining = frame.remaining {
                finished = frame.printed >= remaining
            } else {
                finished = index < bytes.count && bytes[index] == 0xff
                if finished { index += 1 }
            }
            guard finished else {
                output += frame.kind == .map && frame.printed % 2 == 1 ? ": " : ", "
                return true
            }
            switch frame.kind {
            case .array: output += "]"
            case .map: output += "}"
            case .tag, .chunks: output += ")"
            }
            frames.removeLast()
        }
        return false
    }

    /// How many bytes the head's argument needs in preferred serialization (0 when it fits the
    /// initial byte).
    private static func preferredWidth(of argument: UInt64) -> Int {
        switch argument {
        case 0..<24: 0
        case 24...0xff: 1
        case 0x100...0xffff: 2
        case 0x1_0000...0xffff_ffff: 4
        default: 8
        }
    }
}
