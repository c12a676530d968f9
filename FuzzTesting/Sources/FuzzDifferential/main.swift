// The libcbor and native backends must encode every decoded value to identical bytes.
import Concise

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? CBOR(decoding: bytes) else { return 0 }
    for canonical in [false, true] {
        var a = CBOREncoder()
        a.canonical = canonical
        var b = a
        b.backend = .native
        let x = try? a.encode(value)
        let y = try? b.encode(value)
        guard x == y else { fatalError("backends encode \(value) differently") }
    }
    return 0
}
