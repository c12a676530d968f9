import ConformanceKit
import Foundation
import Testing
@testable import Concise

/// `[UInt8]` through Codable: written as an array of integers, as Swift's Codable and
/// `JSONEncoder` write it (`Data` is the byte-string type), and read from that or from a byte
/// string, so that a field declared `[UInt8]` reads the byte strings of COSE or WebAuthn.
///
/// The expected bytes are cbor2 6.3.0's, from `cbor2.dumps(value).hex()` for the Python value
/// named beside each.
struct CodableByteArrayTests {
    struct KeyID: Codable, Equatable {
        var kid: [UInt8]
        var extra: [UInt8]?
    }

    @Test("read from a byte string, definite, chunked or tagged, and from an array of integers")
    func decodeForms() throws {
        #expect(try CodableHex.decode([UInt8].self, "43010203") == [1, 2, 3])  // b'\x01\x02\x03'
        #expect(try CodableHex.decode([UInt8].self, "83010203") == [1, 2, 3])  // [1, 2, 3]
        #expect(try CodableHex.decode([UInt8].self, "5f 4201 02 4103 ff") == [1, 2, 3])  // (_ h'0102', h'03')
        #expect(try CodableHex.decode([UInt8].self, "40") == [])
        #expect(try CodableHex.decode([UInt8].self, "80") == [])
        // bytes(range(30)): a one-byte length head.
        let thirty = "581e 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d"
        #expect(try CodableHex.decode([UInt8].self, thirty) == Array(0..<30))
        // Tags are looked through, as for `Data`: 64(h'010203'), RFC 8746's uint8 typed array,
        // and 55799 (self-described CBOR).
        #expect(try CodableHex.decode([UInt8].self, "d840 43010203") == [1, 2, 3])
        #expect(try CodableHex.decode([UInt8].self, "d9d9f7 43010203") == [1, 2, 3])
        // {"kid": b"kid"} as a field, and an optional one left out.
        #expect(try CodableHex.decode(KeyID.self, "a1 636b6964 436b6964") == KeyID(kid: Array("kid".utf8), extra: nil))
        // [b"kid", [1, 2]] as [[UInt8]].
        #expect(try CodableHex.decode([[UInt8]].self, "82 436b6964 820102") == [Array("kid".utf8), [1, 2]])
    }

    @Test("written as an array of integers, as before and as JSONEncoder writes it")
    func encode() throws {
        #expect(try CodableHex.encoded([UInt8]([1, 2, 3]), requiringOnePass: true) == "83010203")  // [1, 2, 3]
        #expect(try CodableHex.encoded([UInt8](250...255), requiringOnePass: true) == "8618fa18fb18fc18fd18fe18ff")  // list(range(250, 256))
        // {"kid": [107, 105, 100]}
        #expect(try CodableHex.encoded(KeyID(kid: Array("kid".utf8), extra: nil), requiringOnePass: true) == "a1636b696483186b18691864")
        // Data is the byte string: {"kid": b"kid"}.
        #expect(try CodableHex.encoded(["kid": Data("kid".utf8)], requiringOnePass: true) == "a1636b6964436b6964")
        let key = KeyID(kid: [0, 255], extra: [7])
        #expect(try CBORDecoder().decode(KeyID.self, from: try CBOREncoder().encode(key)) == key)
        var canonical = CBOREncoder()
        canonical.canonical = true
        #expect(try CBORDecoder().decode(KeyID.self, from: try canonical.encode(key)) == key)
    }

    @Test("an item that does not fit, text, or null: errors with the coding path")
    func errors() throws {
        // [1, 2, 300]
        guard case .dataCorrupted(let context)? = try CodableHex.error([UInt8].self, "83 01 02 19012c") else {
            Issue.record("300 in [UInt8]")
            return
        }
        #expect(context.codingPath.map(\.intValue) == [2])
        #expect((context.underlyingError as? CBORError)?.offset == 3)
        // {"kid": "kid"}
        guard case .typeMismatch(let type, let mismatch)? = try CodableHex.error(KeyID.self, "a1 636b6964 636b6964") else {
            Issue.record("text as [UInt8]")
            return
        }
        #expect(type == [UInt8].self && mismatch.codingPath.map(\.stringValue) == ["kid"])
        let message = mismatch.debugDescription
        #expect(message.contains("expected a byte string or an array"), "\(message)")
        // {"kid": null}
        guard case .valueNotFound(let missing, let notFound)? = try CodableHex.error(KeyID.self, "a1 636b6964 f6") else {
            Issue.record("null as [UInt8]")
            return
        }
        #expect(missing == [UInt8].self && notFound.codingPath.map(\.stringValue) == ["kid"])
        // {"kid": [1, -1]}
        guard case .dataCorrupted(let corrupt)? = try CodableHex.error(KeyID.self, "a1 636b6964 82 01 20") else {
            Issue.record("-1 in [UInt8]")
            return
        }
        #expect(corrupt.codingPath.map(\.stringValue) == ["kid", "1"])
    }

    struct Blob: Codable, Equatable {
        var blob: Data
    }

    @Test("Data reads the same forms: a byte string, or the array of integers a [UInt8] field wrote")
    func dataForms() throws {
        #expect(try CodableHex.decode(Data.self, "43010203") == Data([1, 2, 3]))  // b'\x01\x02\x03'
        #expect(try CodableHex.decode(Data.self, "83010218ff") == Data([1, 2, 255]))  // [1, 2, 255]
        #expect(try CodableHex.decode(Data.self, "80") == Data())
        #expect(try CodableHex.decode(Data.self, "d9d9f7 83010203") == Data([1, 2, 3]))
        // What a `[UInt8]` field wrote, read back by a `Data` field of the same name.
        let bytes: [UInt8] = [0, 7, 255]
        let written = try CBOREncoder().encode(["blob": bytes])
        #expect(TypedDescription.hex(written) == "a164626c6f6283000718ff")  // {"blob": [0, 7, 255]}
        #expect(try CBORDecoder().decode(Blob.self, from: written) == Blob(blob: Data(bytes)))
        // [1, 256] and "ab": errors at the path, naming Data.
        guard case .dataCorrupted(let corrupt)? = try CodableHex.error(Blob.self, "a1 64626c6f62 82 01 190100") else {
            Issue.record("256 in Data")
            return
        }
        #expect(corrupt.codingPath.map(\.stringValue) == ["blob", "1"])
        guard case .typeMismatch(let type, let mismatch)? = try CodableHex.error(Blob.self, "a1 64626c6f62 626162") else {
            Issue.record("text as Data")
            return
        }
        #expect(type == Data.self && mismatch.codingPath.map(\.stringValue) == ["blob"])
    }
}
