/// An IPv4 or IPv6 address of tags 52 and 54 (RFC 9164; 260 decodes too); cbor2's
/// `IPv4Address`/`IPv6Address`.
public struct CBORIPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address bytes: 4 for IPv4, 16 for IPv6.
    public let bytes: [UInt8]
    /// The IPv6 zone (scope), such as `eth0`.
    public let zone: String?

    /// Creates an address from 4 or 16 bytes; `nil` for another length.
    public init?(bytes: [UInt8], zone: String? = nil) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
        self.zone = bytes.count == 16 ? zone : nil
    }

    /// Whether this is an IPv6 address.
    public var isIPv6: Bool { bytes.count == 16 }

    /// `192.10.10.1` or the compressed IPv6 form `2001:db8::1%eth0`.
    public var description: String {
        guard isIPv6 else { return bytes.map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        // The longest run of two or more zero groups becomes "::" (RFC 5952).
        var best = (start: -1, length: 0)
        var index = 0
        while index < 8 {
            var end = index
            while end < 8 && groups[end] == 0 { end += 1 }
            if end - index > best.length && end - index >= 2 { best = (index, end - index) }
            index = end == index ? index + 1 : end
        }
        let hex = groups.map { String($0, radix: 16) }
        let text: String
        if best.start >= 0 {
            text = hex[..<best.start].joined(separator: ":") + "::" + hex[(best.start + best.length)...].joined(separator: ":")
        } else {
            text = hex.joined(separator: ":")
        }
        return zone.map { "\(text)%\($0)" } ?? text
    }
}
