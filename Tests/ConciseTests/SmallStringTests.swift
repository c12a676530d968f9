import Testing
@testable import Concise

/// ``SmallString`` makes and reads strings of up to 15 bytes through the standard library's own
/// layout. What it makes must be, bit for bit, what the standard library makes from the same
/// bytes; what it reads must be the string's bytes; and text written through it must be the
/// same CBOR as text written through the public API, on both backends.
struct SmallStringTests {
    /// Texts of every length from 0 to 40 bytes: ASCII, and with 2-, 3- and 4-byte scalars at
    /// every position, so that the 8- and 15-byte edges fall inside and between scalars.
    static let texts: [String] = {
        let scalars = ["a", "é", "€", "𝄞", "K", "\u{212A}", "\u{0}", "~"]
        var texts: [String] = [""]
        for first in scalars {
            for second in scalars {
                var text = ""
                while text.utf8.count <= 40 {
                    texts.append(text)
                    text += text.utf8.count % 3 == 0 ? first : second
                }
            }
        }
        return texts
    }()

    /// The standard library's bits of a string.
    private static func bits(_ text: String) -> (UInt64, UInt64) {
        unsafeBitCast(text, to: (UInt64, UInt64).self)
    }

    @Test("the standard library lays small strings out as expected on this platform")
    func layoutIsKnown() {
        // When this fails, every fast path is off (and the other tests here check nothing):
        // the standard library has changed its layout, and decoding and encoding text are
        // slower but still right.
        #expect(SmallString.isLaidOutAsExpected)
    }

    @Test("a string made from words is the standard library's string of the same bytes")
    func madeStrings() throws {
        try #require(SmallString.isLaidOutAsExpected)
        for text in Self.texts where text.utf8.count <= 15 {
            let bytes = Array(text.utf8)
            let words = bytes.withUnsafeBufferPointer { ShortTextWords.words(copying: $0) }
            let made = SmallString.string(leading: words.leading, trailing: words.trailing)
            let theirs = String(decoding: bytes, as: UTF8.self)
            #expect(Self.bits(made) == Self.bits(theirs), "\(bytes)")
            #expect(made == text && Array(made.utf8) == bytes && made.count == text.count)
            #expect(made.hashValue == text.hashValue)
            var grown = made
            grown += "-and-then-some-more-text"
            #expect(grown == text + "-and-then-some-more-text")
        }
    }

    @Test("words are read within the text's bytes, whatever follows them")
    func wordsWithinBounds() {
        for text in Self.texts where text.utf8.count <= 15 {
            let bytes = Array(text.utf8)
            for following: UInt8 in [0x00, 0xff, 0x61] {
                let padded = bytes + [UInt8](repeating: following, count: 16)
                let loaded = padded.withUnsafeBytes { ShortTextWords.load($0.baseAddress.unsafelyUnwrapped, count: bytes.count) }
                let copied = padded.withUnsafeBufferPointer {
                    ShortTextWords.words(copying: UnsafeBufferPointer(rebasing: $0[..<bytes.count]))
                }
                #expect(copied == loaded, "\(bytes) then \(following)")
            }
        }
    }

    @Test("a string's words are its bytes when it is small, and nil when it is not")
    func wordsOfStrings() throws {
        try #require(SmallString.isLaidOutAsExpected)
        for text in Self.texts {
            let bytes = Array(text.utf8)
            // A long string cut down keeps its storage: it is never small, whatever its length.
            var cut = text + String(repeating: "x", count: 40)
            cut.removeLast(40)
            let candidates = [(text, bytes.count <= 15), (String(decoding: bytes, as: UTF8.self), bytes.count <= 15), (cut, false)]
            for (candidate, isSmall) in candidates {
                let words = SmallString.words(of: candidate)
                #expect((words != nil) == isSmall, "\(bytes)")
                if let words {
                    let expected = bytes.withUnsafeBufferPointer { ShortTextWords.words(copying: $0) }
                    #expect(words == expected, "\(bytes)")
                }
            }
        }
    }

    @Test("text of every length encodes as its head and UTF-8, alone and inside containers, on both backends",
          arguments: CBORBackend.allCases)
    func encodes(backend: CBORBackend) throws {
        for text in Self.texts {
            let utf8 = Array(text.utf8)
            let head: [UInt8] = utf8.count < 24 ? [0x60 | UInt8(utf8.count)] : [0x78, UInt8(utf8.count)]
            var cut = text + "-long-enough-to-allocate-storage"
            cut.removeLast(32)
            for candidate in [text, cut] {
                for canonical in [false, true] {
                    var encoder = CBOREncoder()
                    encoder.backend = backend
                    encoder.canonical = canonical
                    #expect(try encoder.encode(.textString(candidate)) == head + utf8)
                    #expect(try encoder.encode([.textString(candidate), 1]) == [0x82] + head + utf8 + [0x01])
                    #expect(try encoder.encode([.textString(candidate): .textString(candidate)]) == [0xa1] + head + utf8 + head + utf8)
                    #expect(try encoder.encode(any: [candidate]) == [0x81] + head + utf8)
                    var decoder = CBORDecoder()
                    decoder.backend = backend
                    let decoded = try decoder.decodeValue(from: [0x81] + head + utf8)
                    #expect(decoded == [.textString(text)])
                    #expect(try decoder.decode(from: head + utf8) as? String == text)
                }
            }
        }
    }
}
