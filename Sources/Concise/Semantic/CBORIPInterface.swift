/// An address with its network prefix (`[address bytes, prefix length]`); host bits may be
/// set; cbor2's `IPv4Interface`/`IPv6Interface`.
public struct CBORIPInterface: Hashable, Sendable, CustomStringConvertible {
    /// The address.
    public let address: CBORIPAddress
    /// The prefix length.
    public let prefixLength: Int

    /// Creates an interface; `nil` when the prefix is too long.
    public init?(address: CBORIPAddress, prefixLength: Int) {
        guard prefixLength >= 0, prefixLength <= address.bytes.count * 8 else { return nil }
        self.address = address
        self.prefixLength = prefixLength
    }

    /// `192.168.0.100/24`.
    public var description: String { "\(address)/\(prefixLength)" }
}
