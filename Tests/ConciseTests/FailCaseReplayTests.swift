import Foundation
import Testing
@testable import Concise
import ConcreteJSON

/// Replays every input in FuzzTesting/FailCases through each decoding path: each must end in a
/// value or a typed error.
struct FailCaseReplayTests {
    static let cases: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("FuzzTesting/FailCases")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0 != "README.md" }.sorted().map { folder.appendingPathComponent($0).path }
    }()

    @Test("the fail-case folder is not empty")
    func folderIsFound() {
        #expect(!Self.cases.isEmpty)
    }

    @Test("every past failure decodes or fails cleanly on every path", arguments: cases)
    func replay(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        for backend in CBORBackend.allCases {
            var decoder = CBORDecoder()
            decoder.backend = backend
            if let value = try? decoder.decodeValue(from: bytes) {
                #expect(try CBOR(decoding: try value.encoded()) == value)
                var canonical = CBOREncoder()
                canonical.backend = backend
                canonical.canonical = true
                // Refused only where sorting would move entries across string or shared references.
                switch Result(catching: { () throws(CBORError) -> [UInt8] in try canonical.encode(value) }) {
                case .success(let sorted):
                    #expect(try canonical.encode(try CBOR(decoding: sorted)) == sorted)
                case .failure(let error):
                    #expect(error.code == .unsupportedValue && error.message.contains("tags 25, 29"))
                }
                _ = value.diagnosticDescription
            }
            _ = try? decoder.decodeFirst(from: bytes)
            decoder.immutable = true
            _ = try? decoder.decodeFirst(from: bytes)
        }
        // The ConcreteJSON target's property: written text reads and writes back unchanged,
        // also through compact CBOR.
        if let value = try? ConcreteJSONDecoder().decode(from: bytes), let text = try? ConcreteJSONEncoder().encodedBytes(value) {
            let again = try ConcreteJSONDecoder().decode(from: text)
            #expect(try ConcreteJSONEncoder().encodedBytes(again) == text)
            #expect(try ConcreteJSONEncoder().encodedBytes(try ConcreteValue(decodingCBOR: try again.encodedCBOR())) == text)
        }
    }
}
