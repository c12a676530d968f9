// Codable decode into a nested model: any input must give a value or a DecodingError. A value
// that decodes is encoded again in one pass and through the node tree: the bytes must agree and
// decode back to a value that encodes to the same canonical bytes.
// Debug builds are testable, so the tree encoder is reached directly; this target is debug-only.
@testable import Concise
import Foundation

struct Leaf: Codable {
    var id: Int
    var name: String?
    var score: Double
    var tags: [String]
    var data: Data?
    var when: Date?
}

struct Model: Codable {
    var title: String
    var leaves: [Leaf]
    var index: [String: Int]
    var nested: [[UInt8?]]
    var child: Leaf?
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let model = try? CBORDecoder().decode(Model.self, from: bytes) { reencode(model) }
    if let leaves = try? CBORDecoder().decode([Leaf].self, from: bytes) { reencode(leaves) }
    return 0
}

private func reencode<T: Codable>(_ value: T) {
    for backend in [CBORBackend.libcbor, .native] {
        var encoder = CBOREncoder()
        encoder.backend = backend
        let tree = Result { try encoder.encodeThroughTree(value) }
        let streamed = Result { try encoder.encodeStreaming(value) }
        guard case .success(let treeBytes) = tree, case .success(let streamedBytes?) = streamed else {
            fatalError("\(T.self) did not encode: \(tree), \(streamed)")
        }
        guard treeBytes == streamedBytes else { fatalError("one pass and tree differ for \(value)") }
        // Compared in canonical form: a dictionary decoded again may iterate its keys in
        // another order (Swift seeds each large enough hash table apart).
        var canonical = encoder
        canonical.canonical = true
        guard let again = try? CBORDecoder().decode(T.self, from: treeBytes),
            let first = try? canonical.encode(value), (try? canonical.encode(again)) == first
        else {
            fatalError("\(value) does not survive a round trip")
        }
    }
}
