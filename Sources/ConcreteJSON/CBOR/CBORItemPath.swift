/// Where an item lies in well-formed CBOR bytes, given its path from the root: each step the
/// position of a child in its container (an array's element `k`, a map's key `2k` or value
/// `2k + 1`, a tag's content 0).
///
/// Used only for an error's position, after the bytes decoded to the value the path walks: the
/// walk reads each container's head and skips the children before the one it goes into, so it
/// reads each byte at most once, and never recurses.
enum CBORItemPath {
    /// The byte offset of the item at `path` in `bytes`; the offset the walk reached when the
    /// bytes do not hold such an item.
    static func offset(of path: some Sequence<Int>, in bytes: [UInt8]) -> Int {
        var position = 0
        for step in path {
            guard let head = Head(at: position, in: bytes), head.major >= 4, head.major <= 6 else { return position }
            position = head.end
            for _ in 0..<step {
                guard let next = end(of: position, in: bytes) else { return position }
                position = next
            }
        }
        return position
    }

    /// The offset just past the item at `start`, or `nil` when the bytes end first or hold a
    /// break where no indefinite-length item is open.
    static func end(of start: Int, in bytes: [UInt8]) -> Int? {
        var position = start
        // Items still to read in each open item; -1 for one of indefinite length.
        var remaining = [1]
        while let last = remaining.last {
            if last == 0 {
                remaining.removeLast()
                continue
            }
            guard position < bytes.count else { return nil }
            if bytes[position] == 0xff {
                guard last == -1 else { return nil }
                remaining.removeLast()
                position &+= 1
                continue
            }
            if last > 0 { remaining[remaining.count - 1] = last &- 1 }
            guard let head = Head(at: position, in: bytes) else { return nil }
            position = head.end
            switch head.major {
            case 2, 3:
                if head.isIndefinite {
                    remaining.append(-1)
                } else {
                    guard head.argument <= UInt64(bytes.count &- position) else { return nil }
                    position &+= Int(head.argument)
                }
            case 4, 5:
                if head.isIndefinite {
                    remaining.append(-1)
                } else {
                    // Each item takes a byte at least, so a larger count ends the bytes first.
                    let items = head.major == 4 ? head.argument : head.argument.multipliedReportingOverflow(by: 2)
                        .partialValue
                    guard items <= UInt64(bytes.count &- position), head.argument <= UInt64(Int.max / 2) else { return nil }
                    remaining.append(Int(items))
                }
            case 6:
                remaining.append(1)
            default:
                break
            }
        }
        return position
    }

    /// One head: major type, argument, and where it ends.
    private struct Head {
        var major: UInt8
        var argument: UInt64
        var isIndefinite: Bool
        var end: Int

        init?(at offset: Int, in bytes: [UInt8]) {
            guard offset >= 0, offset < bytes.count else { return nil }
            let initial = bytes[offset]
            major = initial >> 5
            let info = initial & 0x1f
            isIndefinite = info == 31
            switch info {
            case 0..<24:
                argument = UInt64(info)
                end = offset &+ 1
            case 24...27:
                let length = 1 << Int(info &- 24)
                guard length < bytes.count &- offset else { return nil }
                argument = 0
                for index in 1...length {
                    argument = argument << 8 | UInt64(bytes[offset &+ index])
                }
                end = offset &+ 1 &+ length
            case 31:
                argument = 0
                end = offset &+ 1
            default:
                return nil
            }
        }
    }
}

extension ConcreteJSONError {
    /// This error at byte `offset`, unless it has a position already.
    func located(at offset: Int) -> ConcreteJSONError {
        guard self.offset == nil else { return self }
        return ConcreteJSONError(code, message, offset: offset, line: line, column: column)
    }
}
