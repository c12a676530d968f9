// Decode to `CBOR` with both backends and default limits: any input must give a value or a
// CBORError, never a crash, and both backends must agree. The one-copy typed-array decoder
// must agree with the value's `typedArray(of:)`: the same elements, or the same error.
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
    for decoder in [CBORDecoder(), native] {
        checkTypedArray(of: UInt8.self, bytes, decoder, a)
        checkTypedArray(of: Double.self, bytes, decoder, a)
    }
    return 0
}

/// Checks `decodeTypedArray(of:from:)` against `value`, what `decodeValue(from:)` gave.
func checkTypedArray<Element: CBORTypedArrayElement>(
    of _: Element.Type, _ bytes: [UInt8], _ decoder: CBORDecoder, _ value: Result<CBOR, CBORError>
) {
    let direct = Result { () throws(CBORError) in try decoder.decodeTypedArray(of: Element.self, from: bytes) }
    let expected: Result<[Element], CBORError> = value.flatMap { item in
        item.typedArray(of: Element.self).map { .success($0) }
            ?? .failure(CBORError(.invalidTagContent, offset: 0, "not a typed array"))
    }
    switch (direct, expected) {
    case let (.success(x), .success(y)) where x.withUnsafeBytes({ Array($0) }) == y.withUnsafeBytes({ Array($0) }): break
    case let (.failure(x), .failure(y)) where x == y: break
    default: fatalError("decodeTypedArray disagrees on \(bytes): \(direct) vs \(expected)")
    }
}
