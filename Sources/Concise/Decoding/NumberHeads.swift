/// The initial bytes of numbers' heads, as a table: the one-pass decoders look every item of an
/// array up in it, and one load costs less than the comparisons that say the same.
enum NumberHeads {
    /// Per initial byte, 0 for a head that is not a number's, else one more than the raw value
    /// of its ``ItemKind``: `.unsigned` for major type 0 and `.negative` for major type 1, each
    /// with additional information below 28, `.double` for `0xfb`. Allocated once and never
    /// written again, so every thread may read it.
    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for initial in 0..<256 {
            let kind: ItemKind? = switch initial {
            case 0xfb: .double
            case ..<0x40 where initial & 0x1f < 28: initial < 0x20 ? .unsigned : .negative
            default: nil
            }
            (table + initial).initialize(to: kind.map { $0.rawValue &+ 1 } ?? 0)
        }
        return UnsafePointer(table)
    }()

    /// The kind of a number's head whose ``table`` entry is `entry` (not 0).
    @inline(__always)
    static func kind(entry: UInt8) -> ItemKind {
        // The entries are made from raw values above.
        unsafeBitCast(entry &- 1, to: ItemKind.self)
    }
}
