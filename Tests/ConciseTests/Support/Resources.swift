import ConformanceKit
import Foundation

extension JSONValue {
    /// Reads a vector file from the test resources.
    static func load(resource name: String) throws -> JSONValue {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources") else {
            throw ParseError(offset: -1)
        }
        return try parse(String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }
}
