// The libcbor and native backends must agree on everything: the tape each scanner writes (or
// the error, code and offset, each reports), the value each decoder builds, and the bytes each
// encoder writes for it, in preferred and in canonical form. Each one-pass decoder (CBOR values
// and `Any`) must build what the tape path builds.
// Debug builds are testable, so the scanner is reached directly; this target is debug-only.
@testable import Concise

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let libcborValue = compareDecoders(input)
    // The one-pass decoders' key cache is made only for inputs of 4 KiB or more, longer than the
    // fuzzer's: the input is also decoded as the items of an array that repeats it, so that keys
    // made in one copy are found in the cache in the next. That costs about ten runs, so it is
    // done for inputs with a short text head and one in eight of those (chosen by their bytes,
    // so a failure reproduces).
    if input.contains(where: { $0 & 0xf0 == 0x60 }), input.reduce(0, { $0 &+ $1 }) & 7 == 0 {
        let copies = MapKeyCache<CBOR>.minimumInputCount / size + 2
        var repeated: [UInt8] = [0x9a] + withUnsafeBytes(of: UInt32(copies).bigEndian) { Array($0) }
        for _ in 0..<copies { repeated += input }
        _ = repeated.withUnsafeBufferPointer(compareDecoders)
    }
    guard case .success(let value) = libcborValue else { return 0 }

    for canonical in [false, true] {
        var libcborEncoder = CBOREncoder()
        libcborEncoder.canonical = canonical
        var nativeEncoder = libcborEncoder
        nativeEncoder.backend = .native
        let x = Result { () throws(CBORError) in try libcborEncoder.encode(value) }
        let y = Result { () throws(CBORError) in try nativeEncoder.encode(value) }
        switch (x, y) {
        case let (.success(a), .success(b)) where a == b: break
        case let (.failure(a), .failure(b)) where a == b: break
        default: fatalError("backends encode \(value) differently (canonical: \(canonical)): \(x) and \(y)")
        }
    }
    return 0
}

/// Compares the backends' tapes, and each decoder's values with the tape path's, for the item
/// at the start of `buffer`; returns what the libcbor backend's default decoder gives.
private func compareDecoders(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<CBOR, CBORError> {
    let bytes = Array(buffer)
    let limits = ScanLimits(maxDepth: 400, allowsIndefiniteLength: true)
    let libcborTape = scan(LibCBORHeadReader.self, buffer, limits)
    let nativeTape = scan(NativeHeadReader.self, buffer, limits)
    guard sameTape(libcborTape, nativeTape) else {
        fatalError("backends scan differently: libcbor \(libcborTape), native \(nativeTape)")
    }

    // Both backends decode values in one pass where they can, falling back to the scanner and
    // tape, so each decoder's result is also compared with the tape path's own (below). The
    // second decoder refuses repeated keys and has a small depth limit (from the first byte),
    // which the one-pass path must leave to the general path.
    var strictDecoder = CBORDecoder()
    strictDecoder.allowsDuplicateKeys = false
    strictDecoder.maxDepth = Int(bytes.first ?? 0) % 8
    var libcborValue: Result<CBOR, CBORError> = .failure(CBORError(.malformed, offset: nil, "not decoded"))
    for (index, var libcborDecoder) in [CBORDecoder(), strictDecoder].enumerated() {
        libcborDecoder.backend = .libcbor
        var nativeDecoder = libcborDecoder
        nativeDecoder.backend = .native
        let libcbor = Result { () throws(CBORError) in try libcborDecoder.decodeValue(from: bytes) }
        let native = Result { () throws(CBORError) in try nativeDecoder.decodeValue(from: bytes) }
        switch (libcbor, native) {
        case let (.success(x), .success(y)) where x == y: break
        case let (.failure(x), .failure(y)) where x == y: break
        default: fatalError("backends decode differently (decoder \(index)): libcbor \(libcbor), native \(native)")
        }
        let tapeValue = Result { () throws(CBORError) -> CBOR in
            var scanner = Scanner<NativeHeadReader>(bytes: buffer, limits: libcborDecoder.scanLimits)
            let end = try scanner.scanItem(at: 0)
            // Built before trailing bytes are reported, as `decodeValue` does.
            let value = try TapeValueBuilder(bytes: buffer, tape: scanner.tape, allowsDuplicateKeys: libcborDecoder.allowsDuplicateKeys).build()
            guard end == buffer.count else { throw CBORError(.trailingData, offset: end, "") }
            return value
        }
        switch (libcbor, tapeValue) {
        case let (.success(x), .success(y)) where x == y: break
        case let (.failure(x), .failure(y)) where x.code == y.code && x.offset == y.offset: break
        default: fatalError("one pass and tape decode differently (decoder \(index)): \(libcbor), tape \(tapeValue)")
        }
        if index == 0 { libcborValue = libcbor }
        compareAnyPaths(libcborDecoder, buffer, label: "decoder \(index)")
    }
    return libcborValue
}

/// The `Any` path decodes plain data in one pass where it can: what it builds, with each
/// backend, must be what the scanner and `DynamicDecoder` build, type for type, and encode to
/// the same bytes.
private func compareAnyPaths(_ options: CBORDecoder, _ buffer: UnsafeBufferPointer<UInt8>, label: String) {
    for backend in CBORBackend.allCases {
        var decoder = options
        decoder.backend = backend
        guard let (value, end) = decoder.decodeInOnePass(buffer) else { continue }
        let onePass = DynamicValueDescription.describe(value)
        guard let (tapeValue, tapeEnd) = try? decoder.decodeThroughTape(buffer) else {
            fatalError("one pass decodes \(onePass) (\(label), \(backend)) where the tape path fails")
        }
        let tape = DynamicValueDescription.describe(tapeValue)
        guard onePass == tape, end == tapeEnd else {
            fatalError("Any paths decode differently (\(label), \(backend)): one pass \(onePass) to \(end), tape \(tape) to \(tapeEnd)")
        }
        // The one-pass value's maps share key storage where their keys repeat, and the encoder
        // then writes those keys from the bytes it kept: the tape path's maps each have keys
        // of their own, so encoding both must give the same bytes.
        var encoder = CBOREncoder()
        encoder.backend = backend
        let shared = Result { () throws -> [UInt8] in try encoder.encode(any: value) }
        let own = Result { () throws -> [UInt8] in try encoder.encode(any: tapeValue) }
        switch (shared, own) {
        case let (.success(x), .success(y)) where x == y: break
        case (.failure, .failure): break
        default: fatalError("the one-pass and tape values encode differently (\(label), \(backend)): \(shared), \(own)")
        }
    }
}

/// The whole tape one backend's scanner writes for the first item of `buffer`, or its error.
private func scan<Reader: HeadReader>(
    _: Reader.Type, _ buffer: UnsafeBufferPointer<UInt8>, _ limits: ScanLimits
) -> Result<(tape: [TapeEntry], end: Int), CBORError> {
    Result { () throws(CBORError) in
        var scanner = Scanner<Reader>(bytes: buffer, limits: limits)
        let end = try scanner.scanItem(at: 0)
        return (scanner.tape, end)
    }
}

private func sameTape(
    _ a: Result<(tape: [TapeEntry], end: Int), CBORError>, _ b: Result<(tape: [TapeEntry], end: Int), CBORError>
) -> Bool {
    switch (a, b) {
    case let (.success(x), .success(y)):
        return x.end == y.end && x.tape.count == y.tape.count
            && zip(x.tape, y.tape).allSatisfy { p, q in
                p.kind == q.kind && p.isIndefinite == q.isIndefinite && p.argument == q.argument
                    && p.offset == q.offset && p.link == q.link
            }
    case let (.failure(x), .failure(y)):
        return x == y
    default:
        return false
    }
}
