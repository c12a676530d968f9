import Foundation
import Testing

/// libcbor stays behind one funnel: only `Sources/Concise/LibCBOR/` imports `CLibCBOR`, and only
/// with `internal import`, so no C type can reach the public API.
struct ImportRuleTests {
    @Test("only Sources/Concise/LibCBOR imports CLibCBOR, and internally")
    func libcborImports() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var importers: [String] = []
        var swiftFiles = 0
        for case let url as URL in files where url.pathExtension == "swift" {
            swiftFiles += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("import CLibCBOR") {
                let path = url.path.replacingOccurrences(of: root.path + "/", with: "")
                importers.append(path)
                #expect(path.hasPrefix("Sources/Concise/LibCBOR/"), "\(path) imports CLibCBOR")
                #expect(line.trimmingCharacters(in: .whitespaces) == "internal import CLibCBOR", "\(path): \(line)")
            }
        }
        #expect(swiftFiles > 10)
        #expect(importers.count == 2)
    }
}
