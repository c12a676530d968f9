import ConformanceKit
import OrderedCollections
import Testing
@testable import Concise

/// Every error code, with the exact message and offset a user sees.
struct ErrorMessageTests {
    static func decodeError(_ hex: String, _ configure: (inout CBORDecoder) -> Void = { _ in }) -> CBORError? {
        var decoder = CBORDecoder()
        configure(&decoder)
        do {
            _ = try decoder.decode(from: try TypedDescription.bytes(hex: hex))
            return nil
        } catch {
            return error as? CBORError
        }
    }

    static let cases: [(hex: String, description: String)] = [
        ("", "truncated at byte 0: the input ends where a data item should start"),
        ("1c", "reservedAdditionalInfo at byte 0: additional information 28 is reserved (initial byte 0x1c)"),
        ("1f", "invalidIndefiniteLength at byte 0: major type 0 has no indefinite length (initial byte 0x1f)"),
        ("81ff", "unexpectedBreak at byte 1: a break stop code inside a definite-length item"),
        ("5f01ff", "invalidChunk at byte 1: a chunk of an indefinite-length byte string must be a definite-length byte string"),
        ("f818", "invalidSimpleValue at byte 0: simple value 24 must use the one-byte form (RFC 8949 §3.3)"),
        ("62c328", "invalidUTF8 at byte 1: a text string (head at byte 0) is not valid UTF-8 at byte 1"),
        ("0102", "trailingData at byte 1: 1 bytes follow the data item"),
        ("c280", "invalidTagContent at byte 0: tag 2 (bignum) must hold a byte string, not an array"),
        ("d81d05", "unknownSharedReference at byte 0: shared reference 5 not found"),
        ("d81900", "unknownStringReference at byte 0: string reference outside a namespace (tag 256)"),
    ]

    @Test("each input error code says what and where", arguments: cases)
    func inputErrors(hex: String, description: String) {
        #expect(Self.decodeError(hex)?.description == description)
    }

    @Test("limit errors say the limit")
    func limitErrors() {
        #expect(Self.decodeError("818101") { $0.maxDepth = 1 }?.description
            == "depthLimitExceeded at byte 2: the item is nested 2 levels deep; the limit is 1")
        // An empty indefinite-length container counts, as in cbor2; an empty definite one does not.
        #expect(Self.decodeError("819fff") { $0.maxDepth = 1 }?.description
            == "depthLimitExceeded at byte 1: the item is nested 2 levels deep; the limit is 1")
        #expect(Self.decodeError("8180") { $0.maxDepth = 1 } == nil)
        // A tag hook's error that says no place is at its tag, as a semantic decoder's is.
        #expect(Self.decodeError("82 01 c6 02") { $0.tagHook = { _, _ in throw CBORError(.unsupportedValue, "no") } }?.description
            == "unsupportedValue at byte 2: no")
        #expect(Self.decodeError("9fff") { $0.allowsIndefiniteLength = false }?.description
            == "indefiniteLengthNotAllowed at byte 0: indefinite-length items are not allowed")
        #expect(Self.decodeError("a2010101 02") { $0.allowsDuplicateKeys = false }?.description
            == "duplicateMapKey at byte 3: this map key occurs earlier in the same map")
        #expect(Self.decodeError("a1 0102") { $0.objectHook = { _, _ in 0 }; $0.strictHashableTypes = true }?.description
            == "unsupportedValue at byte 1: only text and byte strings may be map keys or set members (strictHashableTypes)")
        #expect(Self.decodeError("82 00 d81c 82 01 d81d 00") { $0.allowsCycles = false }?.description
            == "cyclicStructure at byte 6: shared value 0 refers to itself while it is being decoded (a cycle), and cycles are not allowed")
    }

    @Test("encoding errors have no offset and say what")
    func encodingErrors() {
        struct Unknown {}
        #expect(throws: CBORError(.noEncoderForType, offset: nil, "")) { try CBOREncoder().encode(any: Unknown()) }
        let box = CBORSharedValue(0)
        box.value = [box]
        do {
            _ = try CBOREncoder().encode(any: box)
            Issue.record("a cycle encoded")
        } catch let error as CBORError {
            #expect(error.description == "cyclicStructure: cyclic data structure detected but value sharing is disabled")
        } catch {
            Issue.record("\(error)")
        }
        box.value = 0
        #expect(throws: CBORError(.unsupportedValue, offset: nil, "")) { try CBOR.simple(24).encoded() }
        #expect(CBORError.Code.malformed.description == "malformed")
        #expect((1...18).map { CBORError.Code(rawValue: $0).description }.allSatisfy { !$0.hasPrefix("code") })
    }
}
