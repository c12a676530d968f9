// Codable decode into a nested model: any input must give a value or a DecodingError.
import Concise
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
    _ = try? CBORDecoder().decode(Model.self, from: bytes)
    _ = try? CBORDecoder().decode([Leaf].self, from: bytes)
    return 0
}
