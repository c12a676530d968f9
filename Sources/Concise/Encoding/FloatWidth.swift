/// The shortest float encoding that holds a value exactly (RFC 8949 §4.2.2 / cbor2 canonical).
enum FloatWidth {
    /// Writes `value` as a half, single or double float, the shortest that converts back to the
    /// same bits; every NaN as the quiet half NaN `f97e00`.
    static func writeShortest(_ value: Double, to writer: inout ByteWriter) {
        if value.isNaN {
            writer.writeHalf(bitPattern: 0x7e00)
            return
        }
        let half = Float16(value)
        if Double(half).bitPattern == value.bitPattern {
            writer.writeHalf(bitPattern: half.bitPattern)
            return
        }
        let single = Float(value)
        if Double(single).bitPattern == value.bitPattern {
            writer.writeFloat(single)
            return
        }
        writer.writeDouble(value)
    }
}
