/// `Int128` and `UInt128` (SE-0425) as the Codable encoders write them: an integer of major
/// type 0 or 1 when the value is within -2^64 ... 2^64 - 1, else a bignum (tag 2 or 3, RFC 8949
/// §3.4.3) with the shortest big-endian magnitude, as cbor2 writes a Python `int` of that size.
/// The decoder reads either form back (``CodableDecoder/decodeInteger(_:)``).
enum CodableWideInteger {
    /// The data item of `value`, for the tree encoder.
    static func item<T: FixedWidthInteger>(_ value: T) -> CBOR {
        if let integer = CBOR(exactly: value) { return integer }
        let big = CBORBigInt(value)
        return big.isNegative ? .tagged(3, .byteString(big.magnitudeMinusOne)) : .tagged(2, .byteString(big.magnitude))
    }

    /// Writes `value` as ``item(_:)`` makes it, for the one-pass encoder.
    static func write<T: FixedWidthInteger>(_ value: T, to writer: inout ByteWriter) {
        if let unsigned = UInt64(exactly: value) {
            writer.writeHead(major: 0, argument: unsigned)
        } else if value < 0, let n = UInt64(exactly: ~value) {  // -1 - n == value
            writer.writeHead(major: 1, argument: n)
        } else {
            let big = CBORBigInt(value)
            writer.writeHead(major: 6, argument: big.isNegative ? 3 : 2)
            writer.writeByteString(big.isNegative ? big.magnitudeMinusOne : big.magnitude)
        }
    }
}
