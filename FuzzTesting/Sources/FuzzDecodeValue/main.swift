// Decode to `CBOR` with both backends and default limits: any input must give a value or a
// CBORError, never a crash, and both backends must agree.
import Concise

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var native = CBORDecoder()
    native.backend = .native
    let a = Result { () throws(CBORError) in try CBORDecoder().decodeValue(from: bytes) }
    let b = Result { () throws(CBORError) in try native.decodeValue(from: bytes) }
    switch (a, b) {
    case let (.success(x), .success(y)) where x == y: break
    case let (.failure(x), .failure(y)) where x == y: break
    default: fatalError("backends disagree on \(bytes): \(a) vs \(b)")
    }
    return 0
}
