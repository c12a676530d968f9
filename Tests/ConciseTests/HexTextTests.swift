import Foundation
import Testing
@testable import ConciseCLI

/// The command-line tool's hex output and Python's `\xNN` escapes, from a table.
struct HexTextTests {
    @Test("every byte is written as printf's %02x writes it, and escaped as \\xNN")
    func everyByte() {
        let bytes = (0...255).map(UInt8.init)
        #expect(HexText.string(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(HexText.string([]) == "")
        for byte in bytes {
            #expect(HexText.escape(byte) == String(format: "\\x%02x", byte))
        }
    }
}
