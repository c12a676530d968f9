extension CBOR: Hashable {
    /// Structural equality; floats compare by bit pattern and width.
    public static func == (lhs: CBOR, rhs: CBOR) -> Bool {
        switch (lhs, rhs) {
        case let (.unsigned(a), .unsigned(b)), let (.negative(a), .negative(b)):
            return a == b
        case let (.byteString(a), .byteString(b)):
            return a == b
        case let (.textString(a), .textString(b)):
            // Scalar-wise, not by Unicode canonical equivalence: "é" (U+00E9) and "e\u{301}"
            // are different CBOR text strings.
            return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case let (.array(a), .array(b)):
            return a == b
        case let (.map(a), .map(b)):
            return a == b
        case let (.tagged(tagA, a), .tagged(tagB, b)):
            return tagA == tagB && a == b
        case let (.simple(a), .simple(b)):
            return a == b
        case let (.boolean(a), .boolean(b)):
            return a == b
        case (.null, .null), (.undefined, .undefined):
            return true
        case let (.half(a), .half(b)):
            return a.bitPattern == b.bitPattern
        case let (.float(a), .float(b)):
            return a.bitPattern == b.bitPattern
        case let (.double(a), .double(b)):
            return a.bitPattern == b.bitPattern
        default:
            return false
        }
    }

    /// Hashes the kind and content; floats by bit pattern.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .unsigned(let value):
            hasher.combine(0 as UInt8)
            hasher.combine(value)
        case .negative(let value):
            hasher.combine(1 as UInt8)
            hasher.combine(value)
        case .byteString(let bytes):
            hasher.combine(2 as UInt8)
            hasher.combine(bytes)
        case .textString(let text):
            hasher.combine(3 as UInt8)
            hasher.combine(text.utf8.count)
            for byte in text.utf8 { hasher.combine(byte) }
        case .array(let items):
            hasher.combine(4 as UInt8)
            hasher.combine(items)
        case .map(let map):
            hasher.combine(5 as UInt8)
            hasher.combine(map)
        case .tagged(let tag, let content):
            hasher.combine(6 as UInt8)
            hasher.combine(tag)
            hasher.combine(content)
        case .simple(let value):
            hasher.combine(7 as UInt8)
            hasher.combine(value)
        case .boolean(let value):
            hasher.combine(8 as UInt8)
            hasher.combine(value)
        case .null:
            hasher.combine(9 as UInt8)
        case .undefined:
            hasher.combine(10 as UInt8)
        case .half(let value):
            hasher.combine(11 as UInt8)
            hasher.combine(value.bitPattern)
        case .float(let value):
            hasher.combine(12 as UInt8)
            hasher.combine(value.bitPattern)
        case .double(let value):
            hasher.combine(13 as UInt8)
            hasher.combine(value.bitPattern)
        }
    }
}
