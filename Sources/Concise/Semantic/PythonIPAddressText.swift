/// IP address text as Python's `ipaddress` module reads it (Python 3.11): what cbor2 accepts
/// where it hands a decoded string to `ipaddress` (the address of tag 261's map).
enum PythonIPAddressText {
    /// The 4 bytes of dotted-quad text: exactly four decimal octets of at most three ASCII
    /// digits, none above 255, none with a leading zero.
    static func ipv4(_ text: Substring) -> [UInt8]? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for octet in octets {
            guard (1...3).contains(octet.utf8.count), octet.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                octet == "0" || octet.utf8.first != 0x30, let value = UInt8(octet)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    /// The 16 bytes and the zone of IPv6 text: up to eight groups of at most four hex digits,
    /// one `::` at most, an optional dotted-quad tail, and an optional non-empty `%zone`.
    static func ipv6(_ text: String) -> (bytes: [UInt8], zone: String?)? {
        // Split at the first "%" scalar, as Python does (a combining mark after it would hide
        // it from a split by characters).
        let scalars = text.unicodeScalars
        var address = Substring(text)
        var zone: String?
        if let percent = scalars.firstIndex(of: "%") {
            let rest = scalars[scalars.index(after: percent)...]
            guard !rest.isEmpty, !rest.contains("%") else { return nil }
            zone = String(rest)
            address = Substring(String(scalars[..<percent]))
        }
        guard let groups = groups(address) else { return nil }
        return (groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }, zone)
    }

    /// The eight 16-bit groups of IPv6 text without its zone.
    private static func groups(_ text: Substring) -> [UInt16]? {
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Substring($0) }
        guard parts.count >= 3 else { return nil }
        if let last = parts.last, last.contains("."), let quad = ipv4(last) {
            parts.removeLast()
            parts.append(Substring(String(UInt16(quad[0]) << 8 | UInt16(quad[1]), radix: 16)))
            parts.append(Substring(String(UInt16(quad[2]) << 8 | UInt16(quad[3]), radix: 16)))
        } else if parts.last?.contains(".") == true {
            return nil
        }
        guard parts.count <= 9 else { return nil }
        let inner = parts.indices.dropFirst().dropLast()
        let gaps = inner.filter { parts[$0].isEmpty }
        guard gaps.count <= 1 else { return nil }
        var leading = parts.count
        var trailing = 0
        if let gap = gaps.first {
            leading = gap
            trailing = parts.count - gap - 1
            if parts[0].isEmpty {
                leading -= 1
                guard leading == 0 else { return nil }
            }
            if parts[parts.count - 1].isEmpty {
                trailing -= 1
                guard trailing == 0 else { return nil }
            }
            guard 8 - (leading + trailing) >= 1 else { return nil }
        } else {
            guard parts.count == 8, !parts[0].isEmpty, !parts[7].isEmpty else { return nil }
        }
        var result: [UInt16] = []
        for part in parts.prefix(leading) + parts.suffix(trailing) {
            guard (1...4).contains(part.utf8.count), part.unicodeScalars.allSatisfy(\.isASCIIHexDigit),
                let group = UInt16(part, radix: 16)
            else { return nil }
            result.append(group)
        }
        result.insert(contentsOf: repeatElement(0, count: 8 - result.count), at: leading)
        return result
    }
}
