@testable import Concise

/// Decodes with every backend, requires the same outcome from each, and returns it.
func decodeWithEveryBackend(
    _ bytes: [UInt8], configure: (inout CBORDecoder) -> Void = { _ in }
) -> Result<CBOR, CBORError> {
    let results = CBORBackend.allCases.map { backend in
        var decoder = CBORDecoder()
        decoder.backend = backend
        configure(&decoder)
        return Result { () throws(CBORError) in try decoder.decodeValue(from: bytes) }
    }
    return results.allSatisfy({ sameOutcome($0, results[0]) }) ? results[0] : .failure(CBORError(.malformed, offset: nil, "backends disagree: \(results)"))
}

/// `value` encoded with each backend, in preferred and in canonical form, each labelled for a
/// failure message.
func encodingsWithEveryBackend(_ value: CBOR) throws -> [(label: String, bytes: [UInt8])] {
    try CBORBackend.allCases.flatMap { backend in
        try [false, true].map { canonical in
            var encoder = CBOREncoder()
            encoder.backend = backend
            encoder.canonical = canonical
            return ("backend \(backend), canonical \(canonical)", try encoder.encode(value))
        }
    }
}

/// The tape each backend's scanner writes for `bytes`, or its error.
func tapes(_ bytes: [UInt8]) -> [Result<[TapeEntry], CBORError>] {
    bytes.withUnsafeBufferPointer { buffer in
        [
            scanTape(LibCBORHeadReader.self, buffer),
            scanTape(NativeHeadReader.self, buffer),
        ]
    }
}

private func scanTape<Reader: HeadReader>(_: Reader.Type, _ buffer: UnsafeBufferPointer<UInt8>) -> Result<[TapeEntry], CBORError> {
    Result { () throws(CBORError) in
        var scanner = Scanner<Reader>(bytes: buffer, limits: ScanLimits(maxDepth: 400, allowsIndefiniteLength: true))
        _ = try scanner.scanItem(at: 0)
        return scanner.tape
    }
}

private func sameOutcome(_ a: Result<CBOR, CBORError>, _ b: Result<CBOR, CBORError>) -> Bool {
    switch (a, b) {
    case let (.success(x), .success(y)): return x == y
    case let (.failure(x), .failure(y)): return x == y
    default: return false
    }
}

extension TapeEntry: Equatable {
    public static func == (lhs: TapeEntry, rhs: TapeEntry) -> Bool {
        lhs.kind == rhs.kind && lhs.isIndefinite == rhs.isIndefinite && lhs.argument == rhs.argument
            && lhs.offset == rhs.offset && lhs.link == rhs.link
    }
}

extension CBOR {
    /// The value with every float widened to a double, for comparing with references that do
    /// not keep float widths.
    var widened: CBOR {
        switch self {
        case .half(let value): return .double(Double(value))
        case .float(let value): return .double(Double(value))
        case .array(let items): return .array(items.map(\.widened))
        case .map(let map): return .map(CBORMap(map.entries.map { ($0.key.widened, $0.value.widened) }))
        case .tagged(let tag, let content): return .tagged(tag, content.widened)
        default: return self
        }
    }
}
