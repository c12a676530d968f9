/// An IP network of tags 52 and 54 (`[prefix length, address bytes]`; 261 decodes too):
/// the host bits of ``address`` are zero; cbor2's `IPv4Network`/`IPv6Network`.
public struct CBORIPNetwork: Hashable, Sendable, CustomStringConvertible {
    /// The network address (host bits zero).
    public let address: CBORIPAddress
    /// The prefix length.
    public let prefixLength: Int

    /// Creates a network; `nil` when the prefix is too long or host bits are set.
    public init?(address: CBORIPAddress, prefixLength: Int) {
        guard prefixLength >= 0, prefixLength <= address.bytes.count * 8,
            CBORIPNetwork.masked(address.bytes, prefixLength) == address.bytes
        else { return nil }
        self.address = address
        self.prefixLength = prefixLength
    }

    /// `192.168.0.0/24`.
    public var description: String { "\(address)/\(prefixLength)" }

    static func masked(_ bytes: [UInt8], _ prefix: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bits = min(max(prefix - index * 8, 0), 8)
            return bits == 8 ? byte : byte & ~(0xff >> bits)
        }
    }
}
