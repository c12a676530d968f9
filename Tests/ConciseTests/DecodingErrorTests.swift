import Testing
@testable import Concise

/// Malformed and hostile input: every case must end in the right error code at the right offset,
/// through both backends, without trapping or allocating from declared lengths.
struct DecodingErrorTests {
    static let malformed: [(hex: String, code: CBORError.Code, offset: Int)] = [
        ("", .truncated, 0),
        ("18", .truncated, 0),
        ("1a0102", .truncated, 0),
        ("62", .truncated, 0),
        ("6261", .truncated, 0),
        ("8301", .truncated, 0),
        ("a101", .truncated, 2),
        ("a1ff", .unexpectedBreak, 1),
        ("a201", .truncated, 0),
        ("c6", .truncated, 1),
        ("9f01", .truncated, 2),
        ("830102", .truncated, 0),
        ("a20102", .truncated, 3),
        ("5f41", .truncated, 1),
        ("1c", .reservedAdditionalInfo, 0),
        ("3d", .reservedAdditionalInfo, 0),
        ("fe", .reservedAdditionalInfo, 0),
        ("811e", .reservedAdditionalInfo, 1),
        ("1f", .invalidIndefiniteLength, 0),
        ("3f", .invalidIndefiniteLength, 0),
        ("df", .invalidIndefiniteLength, 0),
        ("ff", .unexpectedBreak, 0),
        ("81ff", .unexpectedBreak, 1),
        ("c1ff", .unexpectedBreak, 1),
        ("bf01ff", .unexpectedBreak, 2),
        ("5f01ff", .invalidChunk, 1),
        ("5f6161ff", .invalidChunk, 1),
        ("5f5f4101ffff", .invalidChunk, 1),
        ("7f4161ff", .invalidChunk, 1),
        ("7f80ff", .invalidChunk, 1),
        ("f800", .invalidSimpleValue, 0),
        ("f818", .invalidSimpleValue, 0),
        ("f81f", .invalidSimpleValue, 0),
        ("61ff", .invalidUTF8, 1),
        ("62c328", .invalidUTF8, 1),
        ("63eda080", .invalidUTF8, 1),
        ("62c0af", .invalidUTF8, 1),
        ("64f4908080", .invalidUTF8, 1),
        ("7f6161 62c328 ff", .invalidUTF8, 4),
        ("a1 61ff 01", .invalidUTF8, 2),
        ("0000", .trailingData, 1),
        ("8100ff", .trailingData, 2),
    ]

    @Test("malformed input gets its code and offset", arguments: malformed)
    func malformedInput(hex: String, code: CBORError.Code, offset: Int) {
        let result = decodeWithEveryBackend([UInt8](hex: hex))
        #expect(throws: CBORError(code, offset: offset, "")) { try result.get() }
    }

    @Test("every initial byte, followed by 0 to 9 more bytes, reads alike on both backends, down to the error message")
    func everyInitialByteAlike() {
        // The libcbor reader sends the commonest heads straight to libcbor and the rest through
        // Swift first: each of the 256 initial bytes, cut short or complete, with a tail that
        // also makes short strings fit or not, must give the native reader's outcome.
        let tail: [UInt8] = [0x01, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02]
        for initial in UInt8.min...UInt8.max {
            for length in 0...tail.count {
                let bytes = [initial] + tail.prefix(length)
                let outcomes = CBORBackend.allCases.map { backend in
                    var decoder = CBORDecoder()
                    decoder.backend = backend
                    return Result { () throws(CBORError) in try decoder.decodeValue(from: bytes) }
                }
                let described = outcomes.map { outcome in
                    switch outcome {
                    case .success(let value): "value \(value)"
                    case .failure(let error): "error \(error)"
                    }
                }
                #expect(Set(described).count == 1, "\(bytes): \(described)")
                let scanned = tapes(bytes).map { tape in
                    switch tape {
                    case .success(let entries): "tape \(entries.map { "\($0.kind) \($0.argument) \($0.offset)" })"
                    case .failure(let error): "error \(error)"
                    }
                }
                #expect(Set(scanned).count == 1, "\(bytes): \(scanned)")
            }
        }
    }

    @Test("truncation at every offset of nested items is reported, never a trap")
    func truncationEverywhere() throws {
        let samples: [CBOR] = [
            ["a": [1, 2, ["b": .byteString([1, 2, 3])]], "c": .tagged(1, 1.5), "d": "héllo wörld"],
            [.unsigned(.max), .negative(.max), .half(1), .float(2), .double(3), .simple(99), .undefined],
            .tagged(55799, [[[["deep": [.null, true, false]]]]]),
        ]
        let indefinite = [UInt8](hex: "9f 5f 4101 4102 ff 7f 6161 ff bf 6161 01 ff 9f ff ff")
        var inputs = try samples.map { try $0.encoded() }
        inputs.append(indefinite)
        for bytes in inputs {
            #expect(throws: Never.self) { try decodeWithEveryBackend(bytes).get() }
            for cut in 0..<bytes.count {
                let result = decodeWithEveryBackend(Array(bytes[..<cut]))
                #expect(throws: CBORError.self) { try result.get() }
                if case .failure(let error) = result {
                    #expect(error.code == .truncated)
                    #expect((error.offset ?? -1) <= cut)
                }
            }
        }
    }

    @Test("huge declared lengths fail before anything is reserved", arguments: [
        ("9b0000000100000000", "an array declaring 2^32 items"),
        ("9b8000000000000000", "an array declaring 2^63 items"),
        ("9bffffffffffffffff", "an array declaring 2^64-1 items"),
        ("bb4000000000000000", "a map declaring 2^62 pairs"),
        ("5b4000000000000000", "a byte string declaring 2^62 bytes"),
        ("7bffffffffffffffff", "a text string declaring 2^64-1 bytes"),
        ("5f5bffffffffffffffff", "a chunk declaring 2^64-1 bytes"),
        ("c29a7fffffff", "a tagged array declaring 2^31-1 items"),
        ("a1009bffffffffffffffff00", "an array in a map value"),
    ])
    func hugeDeclaredLengths(hex: String, _: String) {
        let bytes = [UInt8](hex: hex)
        #expect(bytes.count < 16)
        let result = decodeWithEveryBackend(bytes)
        #expect(throws: CBORError.self) { try result.get() }
        if case .failure(let error) = result {
            #expect(error.code == .truncated)
        }
    }

    @Test("100 000 nested arrays, maps and tags end in a depth error", arguments: ["81", "a1", "c1", "d9d9f7", "9f"])
    func deepNesting(prefix: String) {
        let level = [UInt8](hex: prefix)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(level.count * 100_000 + 1)
        for _ in 0..<100_000 { bytes.append(contentsOf: level) }
        bytes.append(0)
        let result = decodeWithEveryBackend(bytes)
        // At the first item too deep; an indefinite-length array is checked when it opens,
        // since it may hold none, so at the 401st array.
        let offset = prefix == "9f" ? 400 : level.count * 401
        #expect(throws: CBORError(.depthLimitExceeded, offset: offset, "")) { try result.get() }
    }

    @Test("depth counts like cbor2: items nested deeper than maxDepth fail, empty definite containers do not count")
    func depthLimitBoundary() {
        func decode(_ hex: String, maxDepth: Int) -> Result<CBOR, CBORError> {
            decodeWithEveryBackend([UInt8](hex: hex)) { $0.maxDepth = maxDepth }
        }
        // Observed with cbor2 6.3.0: loads(bytes, max_depth=d).
        #expect((try? decode("8101", maxDepth: 0).get()) == nil)
        #expect((try? decode("80", maxDepth: 0).get()) == .array([]))
        #expect((try? decode("8180", maxDepth: 1).get()) == .array([.array([])]))
        #expect((try? decode("818101", maxDepth: 1).get()) == nil)
        #expect((try? decode("818101", maxDepth: 2).get()) == .array([.array([1])]))
        #expect((try? decode("c1c101", maxDepth: 1).get()) == nil)
        #expect((try? decode("a101a0", maxDepth: 1).get()) == .map([1: .map([:])]))
        #expect((try? decode("9fff", maxDepth: 0).get()) == nil)
        #expect((try? decode("819fff", maxDepth: 1).get()) == nil)
        #expect((try? decode("819fff", maxDepth: 2).get()) == .array([.array([])]))
    }

    @Test("options: indefinite lengths and duplicate keys can be refused")
    func optionalRefusals() {
        let indefinite = decodeWithEveryBackend([UInt8](hex: "8201 9fff")) { $0.allowsIndefiniteLength = false }
        #expect(throws: CBORError(.indefiniteLengthNotAllowed, offset: 2, "")) { try indefinite.get() }
        let duplicate = decodeWithEveryBackend([UInt8](hex: "a3 6161 01 6162 02 6161 03")) { $0.allowsDuplicateKeys = false }
        #expect(throws: CBORError(.duplicateMapKey, offset: 7, "")) { try duplicate.get() }
        let allowed = decodeWithEveryBackend([UInt8](hex: "a2 6161 01 6161 02"))
        #expect((try? allowed.get())?["a"] == 2)
        #expect((try? allowed.get())?.mapValue?.hasDuplicateKeys == true)
    }

    @Test("error messages say what and where")
    func messages() throws {
        let error = try #require(throws: CBORError.self) { try CBOR(decoding: [UInt8](hex: "9b0000000100000000")) }
        #expect(error.description == "truncated at byte 0: an array declares 4294967296 items but only 0 bytes remain")
        #expect(error.code.rawValue == 1)
    }
}
