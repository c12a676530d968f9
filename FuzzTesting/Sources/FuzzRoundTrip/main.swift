// Decode, encode, decode: a value that decodes must encode and decode back to itself, in
// preferred and canonical form (canonical unless sorting would move map entries across string
// or shared references, which the encoder refuses).
import Concise

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? CBOR(decoding: bytes) else { return 0 }
    do {
        let again = try CBOR(decoding: try value.encoded())
        guard again == value else { fatalError("round trip changed \(value) into \(again)") }
        var canonical = CBOREncoder()
        canonical.canonical = true
        let sorted: [UInt8]
        do {
            sorted = try canonical.encode(value)
        } catch where error.code == .unsupportedValue && error.message.contains("tags 25, 29") {
            // Sorting would move entries across string or shared references.
            return 0
        }
        guard try canonical.encode(try CBOR(decoding: sorted)) == sorted else { fatalError("canonical form not stable for \(bytes)") }
    } catch {
        fatalError("a decoded value failed to encode: \(error)")
    }
    return 0
}
