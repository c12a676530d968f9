internal import CLibCBOR

/// The head writer over libcbor's `cbor_encode_*` functions. The caller guarantees at least
/// nine writable bytes, so no call can run short of space.
enum LibCBORHeadWriter {
    /// Writes a head with libcbor and returns its length.
    static func writeHead(major: UInt8, argument: UInt64, to out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        switch major {
        case 0: return cbor_encode_uint(argument, out, capacity)
        case 1: return cbor_encode_negint(argument, out, capacity)
        case 2: return cbor_encode_bytestring_start(Int(truncatingIfNeeded: argument), out, capacity)
        case 3: return cbor_encode_string_start(Int(truncatingIfNeeded: argument), out, capacity)
        case 4: return cbor_encode_array_start(Int(truncatingIfNeeded: argument), out, capacity)
        case 5: return cbor_encode_map_start(Int(truncatingIfNeeded: argument), out, capacity)
        case 6: return cbor_encode_tag(argument, out, capacity)
        default: return cbor_encode_ctrl(UInt8(truncatingIfNeeded: argument), out, capacity)
        }
    }

    /// Writes a single-precision float with `cbor_encode_single`.
    static func writeFloat(_ value: Float, to out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        cbor_encode_single(value, out, capacity)
    }

    /// Writes a double-precision float with `cbor_encode_double`.
    static func writeDouble(_ value: Double, to out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        cbor_encode_double(value, out, capacity)
    }
}
