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
        let bytes = self.bytes
        bytes.withUnsafeBufferPointer { buffer in
            let reader = NativeHeadReader(bytes: buffer)
            var frames: [Frame] = []
            while true {
                guard let opened = printHead(with: reader, opening: &frames) else { return }
                // A container, tag or string of chunks just opened: print its first item next,
                // unless it has none.
                if opened, !closeIfEmpty(&frames) { continue }
                guard closeFinished(&frames) else { return }
            }
        }
    }

    /// Prints one head (and a string's payload). Whether it opened a frame (a container, a
    /// tag, an indefinite string of chunks), or `nil` when there was no head to read.
    private mutating func printHead(with reader: NativeHeadReader, opening frames: inout [Frame]) -> Bool? {
        guard let head = try? reader.readHead(at: index) else { return nil }
        index += head.length
        // `_n` when the argument took more bytes (1, 2, 4 or 8: n = 0 to 3) than it needed.
        let width = head.length - 1
        let indicator = width > Self.preferredWidth(of: head.argument) ? "_\(width.trailingZeroBitCount)" : ""
        switch head.kind {
        case .unsigned:
            output += String(head.argument) + indicator
        case .negative:
            output += (head.argument == .max ? "-18446744073709551616" : "-\(head.argument + 1)") + indicator
        case .byteString where head.isIndefinite, .textString where head.isIndefinite:
            output += "(_"
            frames.append(Frame(kind: .chunks, remaining: nil, spaced: true))
            return true
        case .byteString, .textString:
            // The reader made sure the payload is there.
            let payload = bytes[index..<index + Int(head.argument)]
            index += payload.count
            if head.kind == .byteString {
                output += "h'" + payload.map(hex).joined() + "'"
            } else {
                DiagnosticPrinter.appendQuoted(String(decoding: payload, as: UTF8.self), to: &output)
            }
            output += indicator
        case .array, .map:
            let marker = head.isIndefinite ? "_" : indicator
            output += (head.kind == .array ? "[" : "{") + marker
            let count = Int(clamping: head.argument)
            let items = head.kind == .array ? count : count.multipliedReportingOverflow(by: 2).partialValue
            let kind: Frame.Kind = head.kind == .array ? .array : .map
            frames.append(Frame(kind: kind, remaining: head.isIndefinite ? nil : items, spaced: !marker.isEmpty))
            return true
        case .tag:
            output += String(head.argument) + indicator + "("
            frames.append(Frame(kind: .tag, remaining: 1, spaced: false))
            return true
        case .simple:
            switch head.argument {
            case 20: output += "false"
            case 21: output += "true"
            case 22: output += "null"
            case 23: output += "undefined"
            default: output += "simple(\(head.argument))"
            }
        case .half:
            let half = Float16(bitPattern: UInt16(truncatingIfNeeded: head.argument))
            output += DiagnosticPrinter.format(Double(half)) + "_1"
        case .float:
            let single = Float(bitPattern: UInt32(truncatingIfNeeded: head.argument))
            output += DiagnosticPrinter.format(Double(single)) + "_2"
        case .double:
            output += DiagnosticPrinter.format(Double(bitPattern: head.argument)) + "_3"
        case .breakCode:
            return nil  // breaks are read by the frames that expect them
        }
        return false
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
