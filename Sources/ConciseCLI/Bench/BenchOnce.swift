import Concise

/// One operation on one workload, run once inside ``measured(_:)``, for instruction counts:
/// `scripts/bench/instructions.sh` runs it under callgrind and counts only inside that function,
/// so setup (building the workload, and a first run of the same operation) is left out.
/// Instruction counts do not move with the machine's load, where thread-CPU time on a shared
/// machine does.
///
/// The first run pays once per process for the runtime's generic metadata (about 0.5 million
/// instructions), which the second does not; the cbor2 reference is counted on its second call
/// too.
public enum BenchOnce {
    /// Runs `operation` (`decode` or `encode`) of `workload` once, through `path` (`value` for
    /// ``CBOR``, `value-canonical` to encode it in canonical form, `any` for the dynamic path, `any-own-keys` to encode the dynamic value with
    /// every map built apart, ``BenchWorkloads.withOwnKeys(_:)``, `any-swift-dictionaries` with
    /// every map a `[String: Any]`, ``BenchWorkloads.withSwiftDictionaries(_:)``,
    /// `any-hashable-dictionaries` with every map an `[AnyHashable: Any]`,
    /// ``BenchWorkloads.withHashableDictionaries(_:)``, `any-int-dictionaries` with every map
    /// an `[Int: Any]`,
    /// ``BenchWorkloads.withIntDictionaries(_:)``,
    /// `any-text-dictionaries` with every map a `[String: String]`,
    /// ``BenchWorkloads.withTextDictionaries(_:)``, `any-int-text-dictionaries` with every map
    /// an `[Int: String]`, ``BenchWorkloads.withIntTextDictionaries(_:)``, `any-typed-arrays`
    /// with every array of one scalar type typed, ``BenchWorkloads.withTypedArrays(_:)``,
    /// `any-narrow-arrays` with arrays of `Int` and `Double` made `[Int32]` and `[Float]`,
    /// ``BenchWorkloads.withNarrowArrays(_:)``, `any-dates`, `any-tags` and `any-uuids` with
    /// every integer made a `Date`, a ``CBORTag`` or a `UUID`,
    /// ``BenchWorkloads.replacingIntegers(in:with:)``,
    /// `any-canonical` to encode the dynamic value in canonical form, `codable` to decode into
    /// the Swift type of the workload's Codable rows, ``Bench/decodeCodable(_:from:with:)``, or
    /// to encode that value, ``Bench/encodeCodable(_:with:)``)
    /// with `backend`.
    public static func run(workload: String, operation: String, path: String, backend: CBORBackend) throws {
        guard let value = Bench.plainWorkload(named: workload) else {
            throw CBORError(.unsupportedValue, "no workload named \(workload)")
        }
        var decoder = CBORDecoder()
        decoder.backend = backend
        decoder.maxDepth = 2048
        var encoder = CBOREncoder()
        encoder.backend = backend
        let bytes = try value.encoded()
        let body: () throws -> Void
        switch (path, operation) {
        case ("value", "decode"):
            body = { _ = try decoder.decodeValue(from: bytes) }
        case ("value", "encode"):
            body = { _ = try encoder.encode(value) }
        case ("value-canonical", "encode"):
            encoder.canonical = true
            body = { _ = try encoder.encode(value) }
        case ("any", "decode"):
            body = { _ = try decoder.decode(from: bytes) }
        case ("any", "encode"):
            let dynamic = try decoder.decode(from: bytes)
            body = { _ = try encoder.encode(any: dynamic) }
        case ("any-own-keys", "encode"):
            let dynamic = BenchWorkloads.withOwnKeys(try decoder.decode(from: bytes))
            body = { _ = try encoder.encode(any: dynamic) }
        case ("any-canonical", "encode"):
            let dynamic = try decoder.decode(from: bytes)
            encoder.canonical = true
            body = { _ = try encoder.encode(any: dynamic) }
        case ("any-hashable-dictionaries", "encode"):
            let dynamic = BenchWorkloads.withHashableDictionaries(try decoder.decode(from: bytes))
            body = { _ = try encoder.encode(any: dynamic) }
        case ("any-int-dictionaries", "encode"):
            let dynamic = BenchWorkloads.withIntDictionaries(try decoder.decode(from: bytes))
            body = { _ = try encoder.encode(any: dynamic) }
        case ("any-swift-dictionaries", "encode"):
            let dynamic = BenchWorkloads.withSwiftDictionaries(try decoder.decode(from: bytes))
            body = { _ = try encoder.encode(any: dynamic) }
        case ("any-text-dictionaries", "encode"):
            let dynamic = BenchWorkloads.withTextDictionaries(try decoder.decode(from: bytes))
            body = { _ = try encoder.encode(any: dynamic) }
        case ("any-int-text-dictionaries", "encode"):
            let dynamic = BenchWorkloads.withIntTextDictionaries(try decoder.decode(from: bytes))
            body = { _ = try encoder.encode(any: dynamic) }
        case ("any-typed-arrays", "encode"):
            let dynamic = BenchWorkloads.withTypedArrays(try decoder.decode(from: bytes))
            body = { _ = try encoder.encode(any: dynamic) }
        case ("any-narrow-arrays", "encode"):
            let dynamic = BenchWorkloads.withNarrowArrays(try decoder.decode(from: bytes))
            body = { _ = try encoder.encode(any: dynamic) }
        case ("any-dates", "encode"), ("any-tags", "encode"), ("any-uuids", "encode"):
            let dynamic = BenchWorkloads.replacingIntegers(in: try decoder.decode(from: bytes), with: path)
            body = { _ = try encoder.encode(any: dynamic) }
        case ("codable", "decode") where Bench.codableWorkloads.contains(workload):
            body = { _ = try Bench.decodeCodable(workload, from: bytes, with: decoder) }
        case ("codable", "encode") where Bench.codableWorkloads.contains(workload):
            let typed = try Bench.decodeCodable(workload, from: bytes, with: decoder)
            body = { _ = try Bench.encodeCodable(typed, with: encoder) }
        default:
            throw CBORError(.unsupportedValue, "no operation \(operation) on the \(path) path")
        }
        try body()
        try measured(body)
    }

    /// The function callgrind counts inside (`--toggle-collect`); the result is made and freed
    /// within it.
    @inline(never)
    public static func measured(_ body: () throws -> Void) rethrows {
        try body()
    }
}
