// The demo until the `concise` command-line tool exists: decodes the embedded example (a sensor
// record written by Python's cbor2), prints it in diagnostic notation, re-encodes it through
// both backends and checks the bytes are identical, then shows the canonical form.
import Concise
import Foundation

let bytes = PackageResources.example_cbor

do {
    let value = try CBOR(decoding: bytes)
    print("Decoded \(bytes.count) bytes of CBOR written by cbor2:\n")
    print(value.diagnosticDescription)

    for backend in CBORBackend.allCases {
        var decoder = CBORDecoder()
        decoder.backend = backend
        var encoder = CBOREncoder()
        encoder.backend = backend
        let again = try encoder.encode(try decoder.decodeValue(from: bytes))
        print("\n\(backend): decode → encode gives \(again == bytes ? "the same" : "DIFFERENT") \(again.count) bytes")
        guard again == bytes else { exit(1) }
    }

    var canonical = CBOREncoder()
    canonical.canonical = true
    let compact = try canonical.encode(value)
    print("canonical (length-first keys, shortest floats): \(compact.count) bytes")
    print(try CBOR(decoding: compact).diagnosticDescription)

    let truncated = Array(bytes.prefix(100))
    do {
        _ = try CBOR(decoding: truncated)
    } catch {
        print("\nThe first 100 bytes alone: \(error)")
    }
} catch {
    print("demo failed: \(error)")
    exit(1)
}
