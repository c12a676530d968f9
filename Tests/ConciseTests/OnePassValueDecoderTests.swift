import Testing
@testable import Concise

/// The one-pass value decoder must take the common inputs itself, give up on everything else,
/// and agree with the scanner and tape wherever it does not give up, with either head reader.
struct OnePassValueDecoderTests {
    /// What the one-pass decoder gives for `bytes`, and what the scanner and tape give, with
    /// each backend's head reader; a failed expectation if the two readers disagree.
    private static func bothPaths(_ bytes: [UInt8], maxDepth: Int = 400, allowsDuplicateKeys: Bool = true)
        -> (onePass: (CBOR, Int)?, tape: Result<(CBOR, Int), CBORError>)
    {
        let native = bothPaths(NativeHeadReader.self, bytes, maxDepth: maxDepth, allowsDuplicateKeys: allowsDuplicateKeys)
        let libcbor = bothPaths(LibCBORHeadReader.self, bytes, maxDepth: maxDepth, allowsDuplicateKeys: allowsDuplicateKeys)
        #expect(native.onePass?.0 == libcbor.onePass?.0 && native.onePass?.1 == libcbor.onePass?.1,
                "the one-pass decoder differs between head readers for \(bytes)")
        return native
    }

    private static func bothPaths<Reader: HeadReader>(
        _: Reader.Type, _ bytes: [UInt8], maxDepth: Int, allowsDuplicateKeys: Bool
    ) -> (onePass: (CBOR, Int)?, tape: Result<(CBOR, Int), CBORError>) {
        let limits = ScanLimits(maxDepth: maxDepth, allowsIndefiniteLength: true)
        return bytes.withUnsafeBufferPointer { buffer in
            var decoder = OnePassValueDecoder<Reader>(bytes: buffer, limits: limits, allowsDuplicateKeys: allowsDuplicateKeys)
            let onePass = decoder?.decode(at: 0)
            let tape = Result { () throws(CBORError) -> (CBOR, Int) in
                var scanner = Scanner<Reader>(bytes: buffer, limits: limits)
                let end = try scanner.scanItem(at: 0)
                let builder = TapeValueBuilder(bytes: buffer, tape: scanner.tape, allowsDuplicateKeys: allowsDuplicateKeys)
                return (try builder.build(), end)
            }
            return (onePass, tape)
        }
    }

    static let plain: [String] = [
        "00", "17", "1818", "1bffffffffffffffff", "20", "3bffffffffffffffff",
        "40", "4401020304", "60", "6449455446", "62c3bc", "64f0908080",
        "80", "83010203", "8301820203820405", "a0", "a201020304", "a26161016162820203",
        "c074323031332d30332d32315432303a30343a30305a", "d82076687474703a2f2f7777772e6578616d706c652e636f6d",
        "f4", "f5", "f6", "f7", "f0", "f820", "f8ff", "f93c00", "f97e00", "fa47c35000", "fb3ff199999999999a",
        "c1fb41d452d9ec200000", "a1f6f5",
        // Arrays of numbers, read in the array's own loop on the native backend: every width
        // of integer head, both signs, doubles, and a number after a container.
        "890017181819010019ffff1a000100001bffffffffffffffff203bffffffffffffffff",
        "83fb3ff199999999999afbfff0000000000000fb7ff8000000000000", "830182020304",
        // Trailing bytes are the caller's to report: the item still decodes.
        "0000",
    ]

    @Test("plain definite-length items are decoded in one pass, as the tape path decodes them", arguments: plain)
    func plainItems(hex: String) throws {
        let (onePass, tape) = Self.bothPaths([UInt8](hex: hex))
        let decoded = try #require(onePass)
        let expected = try tape.get()
        #expect(decoded.0 == expected.0)
        #expect(decoded.1 == expected.1)
    }

    static let givesUp: [String] = [
        // Indefinite lengths, breaks and reserved additional information.
        "5f4101ff", "7f6161ff", "9f01ff", "bf0102ff", "ff", "1c", "3d", "5e", "7e", "9e", "be", "de", "fc",
        // Simple values that need the one-byte form.
        "f800", "f81f",
        // Ill-formed UTF-8, at the top and inside containers.
        "61ff", "62c328", "63eda080", "62c0af", "64f4908080", "a161ff01", "8261ff80",
        // Truncated heads, strings and containers.
        "", "18", "19ff", "1bffffffffffff", "430102", "8201", "a20102", "c6",
        // Numbers cut short inside an array.
        "82fb3ff1", "821901", "8201 1b0000",
        // Declared counts larger than the input.
        "9bffffffffffffffff", "bbffffffffffffffff", "5bffffffffffffffff",
    ]

    @Test("anything unusual or wrong goes to the general path", arguments: givesUp)
    func givesUpOnUnusualInput(hex: String) {
        let (onePass, _) = Self.bothPaths([UInt8](hex: hex))
        #expect(onePass == nil)
    }

    @Test("nesting past the recursion limit goes to the general path, which decodes it",
          arguments: [TapeValueBuilder.recursionLimit, TapeValueBuilder.recursionLimit + 1])
    func deepNesting(levels: Int) throws {
        let (bytes, value) = RecursionLimitTests.nested(levels: levels)
        let (onePass, tape) = Self.bothPaths(bytes)
        #expect(try tape.get().0 == value)
        // Levels count containers and tags; the innermost string is one deeper.
        if levels <= TapeValueBuilder.recursionLimit {
            #expect(try #require(onePass).0 == value)
        } else {
            #expect(onePass == nil)
        }
    }

    @Test("maxDepth is enforced exactly as the scanner enforces it", arguments: 0...4)
    func maxDepth(limit: Int) {
        // [[[["x"]]]] holds "x" four levels deep; an empty container adds no level.
        // Each again with 20 bytes after it, so that short items are read in their container's
        // loop (which needs 16 bytes after a text's head).
        let items = ["818181816178", "8181818180", "8181818101", "81818183fb3ff199999999999a2017", "81818182f56178",
                     "818181a16178f6",
                     // Containers as map values and array items at every depth, empty ones
                     // last (made in their container's loop, smallContainer).
                     "a10181a1018180", "a101a102a10381a0", "8181a10181a0", "a1616b81a0"]
        for hex in items + items.map({ $0 + String(repeating: "00", count: 20) }) {
            let (onePass, tape) = Self.bothPaths([UInt8](hex: hex), maxDepth: limit)
            switch tape {
            case .success(let expected):
                #expect(onePass?.0 == expected.0, "limit \(limit), \(hex)")
            case .failure:
                #expect(onePass == nil, "limit \(limit), \(hex)")
            }
        }
    }

    /// Items the loops of arrays and maps make themselves (numbers, ASCII text of at most 15
    /// bytes, `false`, `true`, `null`) and their near misses.
    static let shortItems: [String] = [
        "60", "6178", "6a6162636465666768696a", "6f" + String(repeating: "7a", count: 15), "7000" + String(repeating: "41", count: 16),
        "62c3bc", "6f" + String(repeating: "61", count: 13) + "c3bc", "617f", "6100",
        "f4", "f5", "f6", "f7", "f0", "f93c00", "fb3ff199999999999a", "00", "1bffffffffffffffff", "3903e7", "c101",
    ]

    @Test("short items as array items, map keys and map values, with every amount of room after them",
          arguments: shortItems)
    func shortItemsInContainers(hex: String) throws {
        // Alone in an array, after a number, as a map's value and as its key; then followed by
        // up to 32 bytes the caller would report as trailing. A text's head is read in its
        // container's loop only where 16 bytes follow it.
        for container in ["81" + hex, "8201" + hex, "82" + hex + "01", "a16161" + hex, "a1" + hex + "01", "a2616101" + hex + "02"] {
            for padding in [0, 1, 14, 15, 16, 17, 32] {
                let bytes = [UInt8](hex: container) + [UInt8](repeating: 0, count: padding)
                let (onePass, tape) = Self.bothPaths(bytes)
                let decoded = try #require(onePass, "gave up on \(container) with \(padding) bytes after it")
                let expected = try tape.get()
                #expect(decoded.0 == expected.0, "\(container) with \(padding) bytes after it")
                #expect(decoded.1 == expected.1, "\(container) with \(padding) bytes after it")
            }
        }
    }

    @Test("the table of numbers' initial bytes says what the native head reader reads from each of the 256")
    func numberHeadsTable() throws {
        for initial in 0...255 {
            let bytes = [UInt8(initial)] + [UInt8](repeating: 1, count: 8)
            let head = try? bytes.withUnsafeBufferPointer { buffer throws(CBORError) in
                try NativeHeadReader(bytes: buffer).readHead(at: 0)
            }
            let isNumber = head.map { head in
                (head.kind == .unsigned || head.kind == .negative) && !head.isIndefinite || head.kind == .double
            } ?? false
            let entry = NumberHeads.table[initial]
            #expect((entry != 0) == isNumber, "initial byte \(initial)")
            if isNumber {
                #expect(NumberHeads.kind(entry: entry) == head?.kind, "initial byte \(initial)")
            }
        }
    }

    @Test("every initial byte as an array item after a number and as a map value: numbers are taken in one pass, and everything agrees with the tape path")
    func everyInitialByte() throws {
        for initial in 0...255 {
            let item = [UInt8(initial)] + [UInt8](repeating: 1, count: 8)
            let isNumber = NumberHeads.table[initial] != 0
            for container in [[0x82, 0x01], [0x81], [0xa1, 0x01]] as [[UInt8]] {
                let bytes = container + item
                let (onePass, tape) = Self.bothPaths(bytes)
                if isNumber {
                    #expect(onePass != nil, "gave up on \(bytes)")
                }
                if let onePass {
                    let expected = try tape.get()
                    #expect(onePass.0 == expected.0 && onePass.1 == expected.1, "\(bytes)")
                }
            }
        }
    }

    @Test("repeated keys decode in one pass when allowed, and go to the general path when not")
    func duplicateKeys() throws {
        let bytes = [UInt8](hex: "a2616101616102")
        let allowed = Self.bothPaths(bytes)
        #expect(try #require(allowed.onePass).0 == (try allowed.tape.get().0))
        let refused = Self.bothPaths(bytes, allowsDuplicateKeys: false)
        #expect(refused.onePass == nil)
        #expect(throws: CBORError(.duplicateMapKey, offset: 4, "")) { try refused.tape.get() }
        let distinct = Self.bothPaths([UInt8](hex: "a2616101616202"), allowsDuplicateKeys: false)
        #expect(try #require(distinct.onePass).0 == (try distinct.tape.get().0))
    }

    /// The head of an array of `count` items, in the shortest form.
    static func arrayHead(_ count: Int) -> [UInt8] {
        count < 24 ? [0x80 | UInt8(count)] : count < 256 ? [0x98, UInt8(count)] : [0x99, UInt8(count >> 8), UInt8(count & 0xff)]
    }

    /// Numbers of every head width, both signs and doubles, in turn.
    static func number(_ index: Int) -> [UInt8] {
        switch index % 5 {
        case 0: return [0x17]
        case 1: return [0x18, UInt8(index & 0xff)]
        case 2: return [0x39, 0x01, UInt8(index & 0xff)]
        case 3: return [0x1b, 0xff, 0, 0, 0, 0, 0, 0, UInt8(index & 0xff)]
        default: return [0xfb, 0x3f, 0xf1, 0x99, 0x99, 0x99, 0x99, 0x99, UInt8(index & 0xff)]
        }
    }

    @Test("arrays on either side of the in-place minimum, with something other than a number at each place, decode in one pass as the tape path decodes them")
    func arraysAroundTheInPlaceMinimum() throws {
        let minimum = OnePassValueDecoder<NativeHeadReader>.inPlaceMinimum
        // Text, a map, an array and `true` break the leading run of numbers.
        let others: [[UInt8]] = [[0x61, 0x61], [0xa1, 0x01, 0x02], [0x82, 0x01, 0x61, 0x62], [0xf5]]
        for count in [minimum - 1, minimum, minimum + 1, 200] {
            for place in [nil, 0, 1, minimum - 1, count - 1] as [Int?] where place ?? 0 < count {
                let other = others[(place ?? 0) % others.count]
                let items = (0..<count).map { $0 == place ? other : Self.number($0) }
                let bytes = Self.arrayHead(count) + items.joined()
                let (onePass, tape) = Self.bothPaths(bytes)
                let decoded = try #require(onePass, "gave up on \(count) items, other at \(String(describing: place))")
                let expected = try tape.get()
                #expect(decoded.0 == expected.0 && decoded.1 == expected.1 && decoded.1 == bytes.count)
                #expect(decoded.0.arrayValue?.count == count)
            }
        }
    }

    /// Items that own storage (long text, a byte string, an array, a map, a tag) and ones that
    /// do not (a number, short text, `true`), in turn.
    static func ownedOrPlainItem(_ index: Int) -> [UInt8] {
        switch index % 8 {
        case 0: return [0x78, 0x14] + Array("a text of twenty byte".utf8.prefix(20))
        case 1: return [0x18, UInt8(index & 0xff)]
        case 2: return [0x43, 0x01, 0x02, UInt8(index & 0xff)]
        case 3: return [0x63] + Array("abc".utf8)
        case 4: return [0x82, 0x01, 0x78, 0x11] + Array("seventeen letters".utf8)
        case 5: return [0xf5]
        case 6: return [0xa1, 0x61, 0x6b, 0x82, 0x02, 0x03]
        default: return [0xc1, 0x1a, 0x51, 0x4b, 0x67, 0xb0]
        }
    }

    /// A distinct map key for each `index`: short text, long text, a number or an array.
    static func distinctKey(_ index: Int) -> [UInt8] {
        let letter = UInt8(ascii: "a") + UInt8(index % 26)
        switch index % 4 {
        case 0: return [0x62, UInt8(ascii: "k"), letter]
        case 1: return [0x72] + Array("a key of 17 lette".utf8) + [letter]
        case 2: return [0x18, UInt8(index)]
        default: return [0x81, UInt8(index)]
        }
    }

    @Test("arrays and maps of every count up to the literal arrays' maximum and past it, of items that own storage and ones that do not, decode in one pass as the tape path decodes them; cut short after any item, they go to the general path")
    func smallContainers() throws {
        for count in 0...(LiteralArrays.maximum + 2) {
            let items = (0..<count).map { Self.ownedOrPlainItem($0) }
            let pairs = (0..<count).map { Self.distinctKey($0) + Self.ownedOrPlainItem($0 + 3) }
            let array = Self.arrayHead(count) + items.joined()
            let map = [0xa0 | UInt8(count)] + pairs.joined()
            for (bytes, allowsDuplicateKeys) in [(array, true), (map, true), (map, false)] {
                let (onePass, tape) = Self.bothPaths(bytes, allowsDuplicateKeys: allowsDuplicateKeys)
                let decoded = try #require(onePass, "gave up on \(count) items")
                let expected = try tape.get()
                #expect(decoded.0 == expected.0 && decoded.1 == expected.1 && decoded.1 == bytes.count)
                #expect((decoded.0.arrayValue?.count ?? decoded.0.mapValue?.count) == count)
            }
            for cut in 0..<count {
                let shortArray = Self.arrayHead(count) + items[..<cut].joined()
                let shortMap = [0xa0 | UInt8(count)] + pairs[..<cut].joined()
                // A key without its value.
                let keyOnly = [0xa0 | UInt8(count)] + pairs[..<cut].joined() + Self.distinctKey(cut)
                for bytes in [shortArray, shortMap, keyOnly] {
                    #expect(Self.bothPaths(bytes).onePass == nil, "decoded \(count) items cut after \(cut)")
                }
            }
        }
    }

    /// 450 bytes: an array that declares 300 items, which leaves room for 150 more; its first
    /// item is an array that declares 250 (fewer than the 445 bytes left) and holds 250
    /// numbers: 150 made in place, 100 appended. The outer array then runs out after 196 items.
    static let arrayPastTheRoomLeft = arrayHead(300) + arrayHead(250) + [UInt8](repeating: 0x01, count: 445)

    @Test("an array that declares more items than the input has room left for: made in place up to the room, then refused as the tape path refuses it")
    func arrayPastTheRoomLeft() {
        #expect(Self.arrayPastTheRoomLeft.count == 450 && 150 >= OnePassValueDecoder<NativeHeadReader>.inPlaceMinimum)
        let (onePass, tape) = Self.bothPaths(Self.arrayPastTheRoomLeft)
        #expect(onePass == nil)
        #expect(throws: CBORError(.truncated, offset: 450, "")) { try tape.get() }
    }
}
