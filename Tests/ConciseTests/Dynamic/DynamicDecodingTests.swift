import Foundation
import OrderedCollections
import Testing
@testable import Concise

/// The dynamic decoder: the Swift types of the type table, immutability, sharing, string
/// references and their errors. Inputs are cbor2 6.3.0 output or hand-written hostile bytes.
struct DynamicDecodingTests {
    static func decode(_ hex: String, _ configure: (inout CBORDecoder) -> Void = { _ in }) throws -> Any {
        var decoder = CBORDecoder()
        configure(&decoder)
        return try decoder.decode(from: [UInt8](hex: hex))
    }

    @Test("plain items become the Swift types of the type table")
    func plainTypes() throws {
        let value = try #require(try Self.decode("8a 01 20 3bffffffffffffffff 1bffffffffffffffff c249010000000000000000 f93e00 6161 4101 f6 f7") as? [Any])
        #expect(value[0] as? Int == 1)
        #expect(value[1] as? Int == -1)
        #expect(value[2] as? CBORBigInt == CBORBigInt("-18446744073709551616"))
        #expect(value[3] as? UInt64 == .max)
        #expect(value[4] as? CBORBigInt == CBORBigInt("18446744073709551616"))
        #expect(value[5] as? Double == 1.5)
        #expect(value[6] as? String == "a")
        #expect(value[7] as? [UInt8] == [1])
        #expect(value[8] is NSNull)
        #expect(value[9] is CBORUndefined)
        let small = try Self.decode("c24101")
        #expect(small as? Int == 1)
    }

    @Test("map keys are immutable; immutable mode freezes everything; unknown tags freeze content")
    func immutability() throws {
        let map = try #require(try Self.decode("a1 8201 02 80") as? OrderedDictionary<AnyHashable, Any>)
        #expect(map[AnyHashable([AnyHashable(1), AnyHashable(2)])] is [Any])
        let frozen = try Self.decode("a1 6161 8101") { $0.immutable = true }
        #expect(frozen is OrderedDictionary<AnyHashable, AnyHashable>)
        let tag = try #require(try Self.decode("c6 8101") as? CBORTag)
        #expect(tag.value.base is [AnyHashable])
        #expect(try Self.decode("d9d9f7 8101") is [AnyHashable])
    }

    @Test("a hook result that must be hashable but is not is a typed error")
    func unhashableHookResult() {
        struct Plain {}
        #expect(throws: CBORError.self) {
            try Self.decode("a1 a0 01") { $0.objectHook = { _, _ in Plain() } }
        }
        #expect(throws: CBORError.self) {
            try Self.decode("a1 c6 01 02") { $0.tagHook = { _, _ in Plain() } }
        }
    }

    @Test("hooks' own errors propagate unchanged")
    func hookErrorsPropagate() {
        struct Refused: Error, Equatable {}
        #expect(throws: Refused()) { try Self.decode("c6 01") { $0.tagHook = { _, _ in throw Refused() } } }
        #expect(throws: Refused()) { try Self.decode("a0") { $0.objectHook = { _, _ in throw Refused() } } }
        #expect(throws: Refused()) {
            try Self.decode("d90fa0 01") { $0.semanticDecoders[4000] = .value { _, _ in throw Refused() } }
        }
    }

    @Test("the content of a built-in semantic tag is decoded as immutable, as cbor2 6.3 decodes it; tags 28 and 256 pass the flag on")
    func semanticContentIsImmutable() throws {
        // What cbor2 6.3.0 reports to a tag hook for tag 23 inside each tag, and what it makes
        // of the hook's "a" (a regular expression, a date from text…).
        final class Flags: @unchecked Sendable { var seen: [Bool] = [] }
        for (hex, expected) in [
            ("d823 d7 6178", [true]), ("c0 d7 00", [true]), ("d9d9f7 d7 00", [true]), ("d81c d7 00", [false]),
            ("d90100 d7 00", [false]), ("d9a7f8 82 d7 00 f93c00", [true]), ("81 d7 00", [false]),
        ] {
            let flags = Flags()
            _ = try? Self.decode(hex) {
                $0.tagHook = { tag, immutable in
                    flags.seen.append(immutable)
                    return tag.tag == 23 ? (hex.hasPrefix("c0") ? "2013-03-21T20:04:00Z" : hex.hasPrefix("d9a7f8") ? 1.5 : "a") : tag
                }
            }
            #expect(flags.seen == expected, "\(hex)")
        }
        let pattern = try Self.decode("d823 d7 6178") { $0.tagHook = { _, _ in "a+" } }
        #expect((pattern as? CBORRegularExpression)?.pattern == .text("a+"))
    }

    @Test("a set is a Set, or a CBORFrozenSet where it must be hashable, as cbor2's set and frozenset")
    func setsAndFrozenSets() throws {
        #expect(try Self.decode("d90102 82 01 02") as? Set<AnyHashable> == [1, 2])
        #expect(try Self.decode("d90102 82 01 02") { $0.immutable = true } as? CBORFrozenSet == [1, 2])
        let keyed = try #require(try Self.decode("a1 d90102 81 01 00") as? OrderedDictionary<AnyHashable, Any>)
        #expect(keyed[AnyHashable(CBORFrozenSet([1]))] as? Int == 0)
        let nested = try #require(try Self.decode("d90102 81 d90102 81 01") as? Set<AnyHashable>)
        #expect(nested == [AnyHashable(CBORFrozenSet([1]))])
    }

    @Test("sets nested 30 deep decode: a frozen set hashes its members once, not once per level above")
    func deepSetNesting() throws {
        // Hashing a Swift Set inside a set rebuilds it: 30 levels of `Set` took 2^30 rebuilds.
        let bytes = String(repeating: "d90102 82 00", count: 30) + "00"
        var value = try #require(try Self.decode(bytes) { $0.maxDepth = 100 } as? Set<AnyHashable>)
        var levels = 1
        while let inner = value.lazy.compactMap({ $0.base as? CBORFrozenSet }).first {
            value = inner.members
            levels += 1
        }
        #expect(levels == 30)
    }

    @Test("a frozen set of sets of arrays compares with a class instance without bridging to NSSet")
    func frozenSetNeverBridges() throws {
        // On Linux, AnyHashable(NSNull()) == AnyHashable(a Set of 50 Sets of arrays) trapped inside
        // Foundation's NSSet (found by FuzzDecodeAny, as a map with both kinds of keys).
        let bytes = "d90102 9832" + (0..<50).map { "d90102 81 82 " + ($0 < 24 ? String(format: "%02x", $0) : String(format: "18%02x", $0)) + " 00" }.joined()
        let set = try #require(try Self.decode(bytes) { $0.immutable = true } as? CBORFrozenSet)
        #expect(set.count == 50)
        #expect(AnyHashable(NSNull()) != AnyHashable(set))
        #expect(AnyHashable(set) != AnyHashable(NSNull()))
    }

    @Test("a hook's result in an immutable place comes back as itself, not wrapped in AnyHashable")
    func immutableHookResultIsUnwrapped() throws {
        let tagged = try Self.decode("c6 01") {
            $0.immutable = true
            $0.tagHook = { tag, _ in [AnyHashable("tag"), AnyHashable(tag.value)] }
        }
        #expect(type(of: tagged) == [AnyHashable].self)
        let mapped = try Self.decode("a0") {
            $0.immutable = true
            $0.objectHook = { _, _ in "map" }
        }
        #expect(type(of: mapped) == String.self)
    }

    @Test("every null is the same NSNull, so sets and keys of nulls keep Hashable's rules")
    func nullsAreOne() throws {
        // 50 nulls in a set: on Linux, distinct NSNull objects compare equal but hash apart.
        let set = try #require(try Self.decode("d90102 9832" + String(repeating: "f6", count: 50)) as? Set<AnyHashable>)
        #expect(set.count == 1)
        let nested = try #require(try Self.decode("d90102 82 d90102 9832" + String(repeating: "f6", count: 50) + "f6") as? Set<AnyHashable>)
        #expect(nested.count == 2)
    }

    @Test("shared values: references resolve to one box, cycles included; bad references fail")
    func sharing() throws {
        let list = try #require(try Self.decode("82 d81c 8101 d81d 00") as? [Any])
        let first = try #require(list[0] as? CBORSharedValue)
        #expect(list[1] as? CBORSharedValue === first)
        let cycle = try #require(try Self.decode("d81c 81 d81d 00") as? CBORSharedValue)
        #expect((cycle.value as? [Any])?.first as? CBORSharedValue === cycle)
        cycle.value = [Any]()
        #expect(try Self.decode("d81c 8101") is [Any])
        // Without cycles, only the reference back into an unfinished value fails.
        #expect(throws: CBORError(.cyclicStructure, offset: 3, "")) { try Self.decode("d81c 81 d81d 00") { $0.allowsCycles = false } }
        #expect(throws: CBORError(.cyclicStructure, offset: 4, "")) { try Self.decode("d81c 81 81 d81d 00") { $0.allowsCycles = false } }
        // A repeated key drops a cyclic value; the decoder empties its box (LeakSanitizer in
        // `make test` checks that nothing is left behind).
        let map = try #require(try Self.decode("a2 00 d81c 81 d81d 00 00 01") as? OrderedDictionary<AnyHashable, Any>)
        #expect(map.count == 1 && map[0] as? Int == 1)
        let repeated = try #require(try Self.decode("82 d81c 8101 d81d 00") { $0.allowsCycles = false } as? [Any])
        #expect(repeated[1] as? CBORSharedValue === repeated[0] as? CBORSharedValue)
        #expect(throws: CBORError(.unknownSharedReference, offset: 1, "")) { try Self.decode("81 d81d 05") }
        #expect(throws: CBORError(.invalidTagContent, offset: 0, "")) { try Self.decode("d81d 6161") }
    }

    @Test("a reference as a map key or set member must be hashable as Python hashes it (cbor2 6.3.0's results)")
    func sharedKeys() throws {
        // [28([]), {29(0): 1}]: a list key, "unhashable type: 'list'"; at the key's offset.
        #expect(throws: CBORError(.unsupportedValue, offset: 5, "")) { try Self.decode("82 d81c 80 a1 d81d00 01") }
        // A dict, a set, a list inside a tuple key or as a frozendict key's value.
        #expect(throws: CBORError(.unsupportedValue, offset: 5, "")) { try Self.decode("82 d81c a0 a1 d81d00 01") }
        #expect(throws: CBORError(.unsupportedValue, offset: 8, "")) { try Self.decode("82 d81c d9010280 a1 d81d00 01") }
        #expect(throws: CBORError(.unsupportedValue, offset: 5, "")) { try Self.decode("82 d81c 80 a1 81d81d00 01") }
        #expect(throws: CBORError(.unsupportedValue, offset: 5, "")) { try Self.decode("82 d81c 80 a1 a100d81d00 01") }
        // A set member: the error is the set's (tag 258, at offset 4).
        #expect(throws: CBORError(.unsupportedValue, offset: 4, "")) { try Self.decode("82 d81c 80 d90102 81 d81d00") }
        // A tag that holds itself once finished cannot be hashed (cbor2's recursion guard); while
        // its content is being decoded it holds nothing yet, and can.
        #expect(throws: CBORError(.unsupportedValue, offset: 1, "")) { try Self.decode("a1 d81c d90106 81 d81d00 01") }
        let unfinished = try #require(try Self.decode("d81c d90106 a1 d81d00 01") as? CBORSharedValue)
        let tag = try #require(unfinished.value as? CBORTag)
        let key = try #require((tag.value.base as? OrderedDictionary<AnyHashable, AnyHashable>)?.keys.first)
        #expect(key.base as? CBORSharedValue === unfinished)
        unfinished.value = NSNull()
        // Immutable, the list is a tuple, which Python hashes.
        let frozen = try #require(try Self.decode("82 d81c 80 a1 d81d00 01") { $0.immutable = true } as? [AnyHashable])
        let box = try #require(frozen[0].base as? CBORSharedValue)
        #expect((frozen[1].base as? OrderedDictionary<AnyHashable, AnyHashable>)?.keys.first?.base as? CBORSharedValue === box)
    }

    @Test("a container a hook or semantic decoder made keeps its identity when referenced")
    func sharedHookResults() throws {
        // [28(258([])), 29(0)]: the set cbor2 makes is one object, referenced twice.
        let sets = try #require(try Self.decode("82 d81c d9010280 d81d00") as? [Any])
        let set = try #require(sets[0] as? CBORSharedValue)
        #expect(sets[1] as? CBORSharedValue === set)
        #expect(set.value is Set<AnyHashable>)
        // A tag hook's array.
        let hooked = try #require(try Self.decode("82 d81c d90106 80 d81d00") {
            $0.tagHook = { tag, _ in ["tag", tag.tag] as [Any] }
        } as? [Any])
        let array = try #require(hooked[0] as? CBORSharedValue)
        #expect(hooked[1] as? CBORSharedValue === array)
        #expect((array.value as? [Any])?.first as? String == "tag")
        // Nothing refers to it: the hook's value itself.
        let unshared = try #require(try Self.decode("81 d81c d90106 80") { $0.tagHook = { _, _ in [1] as [Any] } } as? [Any])
        #expect(unshared.first is [Any])
    }

    @Test("a reference counts at the depth its value reaches where it stands, as cbor2 counts it")
    func referenceDepth() throws {
        // [_ 28([]), 28([29(0)]), 28([29(1)]), …]: each array holds the one before, so the last
        // of `count` nests count - 1 arrays inside the outer array and its own tag.
        func chain(_ count: Int, step: Int = 1) -> String {
            var hex = "9f" + String(repeating: "d81c80", count: step)
            for index in 0..<(count - step) {
                hex += "d81c81d81d" + (index < 24 ? String(format: "%02x", index) : index < 256 ? String(format: "18%02x", index) : String(format: "19%04x", index))
            }
            return hex + "ff"
        }
        // cbor2 6.3.0 decodes 399 and refuses 400 ("maximum container nesting depth (400)
        // exceeded"), and decodes 500 when each refers two back.
        let decoded = try #require(try Self.decode(chain(399)) as? [Any])
        #expect(decoded.count == 399)
        #expect(throws: CBORError(.depthLimitExceeded, offset: 2911, "")) { try Self.decode(chain(400)) }
        #expect(try (Self.decode(chain(500, step: 2)) as? [Any])?.count == 500)
        // A chain of 60 000 is refused at the same reference, and nothing is left to free
        // recursively, 60 000 levels deep.
        #expect(throws: CBORError(.depthLimitExceeded, offset: 2911, "")) { try Self.decode(chain(60_000)) }
        // [28([[[]]]), [[29(0)]]]: the value is 2 levels deep below its root, the reference
        // stands 3 deep, so its items would be 5 deep.
        #expect(try Self.decode("82 d81c 818180 8181d81d00") { $0.maxDepth = 5 } is [Any])
        #expect(throws: CBORError(.depthLimitExceeded, offset: 8, "")) { try Self.decode("82 d81c 818180 8181d81d00") { $0.maxDepth = 4 } }
    }

    @Test("a tag 28 and a container cbor2 registers before its content are one level; a frozen one is a level of its own")
    func shareableLevels() throws {
        // The least max_depth cbor2 6.3.0 decodes each with (mutable, immutable), from
        // `cbor2.loads(data, max_depth=n, immutable=…)`.
        let cases: [(hex: String, mutable: Int, immutable: Int)] = [
            ("d81c 8100", 1, 2),  // 28([0]): a list takes the tag's level, a tuple does not
            ("d81c d903e8 8100", 2, 2),  // 28(1000([0])): a CBORTag always does
            ("d81c d90102 8100", 2, 3),  // 28(258([0])): a set when mutable
            ("d81c d81c 8100", 2, 3),  // 28(28([0])): the inner tag's list takes the inner level
            ("d81c c4 820102", 3, 3),  // 28(4([1, 2])): a semantic tag is a level of its own
            ("a1 d81c 8100 00", 3, 3),  // {28([0]): 0}: a key is frozen
            ("d903e8 d81c 8100", 3, 3),  // 1000(28([0])): so is a tag's content
            ("d81c 9fff", 1, 2),  // 28([_ ]): an indefinite empty list is a level
            ("82 d81c 8100 818181 d81d00", 5, 6),  // the reference takes its value's levels
        ]
        for (hex, mutable, immutable) in cases {
            for (flag, least) in [(false, mutable), (true, immutable)] {
                #expect(throws: Never.self, "\(hex) immutable: \(flag)") {
                    try Self.decode(hex) { $0.maxDepth = least; $0.immutable = flag }
                }
                let error = #expect(throws: CBORError.self, "\(hex) immutable: \(flag)") {
                    try Self.decode(hex) { $0.maxDepth = least - 1; $0.immutable = flag }
                }
                #expect(error?.code == .depthLimitExceeded)
            }
        }
        // 400 arrays each inside a tag 28 are 400 levels for cbor2 (800 for the scanner):
        // decoded at the default limit, and refused inside one array more.
        // Decoded on a large stack: the dynamic decoder recurses once per item, 800 of them.
        let chain = String(repeating: "d81c81", count: 399) + "d81c8100"
        let outcomes = try #require(onLargeStack {
            [chain, "81" + chain].map { hex in Result { () throws -> Void in _ = try Self.decode(hex) } }
        })
        #expect(throws: Never.self) { try outcomes[0].get() }
        #expect(throws: CBORError(.depthLimitExceeded, offset: 1 + 399 * 3 + 2, "")) { try outcomes[1].get() }
        // In a frozen place the tag and the tuple are two levels, which the dynamic decoder
        // counts: {28([0]): 0} is refused at the 0 inside the tuple, at byte 4.
        #expect(throws: CBORError(.depthLimitExceeded, offset: 4, "")) { try Self.decode("a1 d81c 8100 00") { $0.maxDepth = 2 } }
    }

    @Test("a billion-laughs graph of references decodes without expanding")
    func referenceBomb() throws {
        // 28([…]) then 30 levels each holding two references to the level below.
        var hex = "9f d81c 8101"
        for level in 0..<30 {
            hex += " d81c 82 d81d \(String(format: "%02x", 0x18)) \(String(format: "%02x", level)) d81d 18 \(String(format: "%02x", level))"
        }
        hex += " ff"
        let value = try #require(try Self.decode(hex) as? [Any])
        #expect(value.count == 31)
        // With value sharing the graph is written as small as it came: every container marked
        // with tag 28, each reference one tag 29 (about 2^30 copies without).
        var sharing = CBOREncoder()
        sharing.valueSharing = true
        let input = [UInt8](hex: hex)
        let written = try sharing.encode(any: value)
        #expect(written.count <= 2 * input.count)
        #expect((try Self.decode(written.map { String(format: "%02x", $0) }.joined()) as? [Any])?.count == 31)
    }

    @Test("string references resolve inside their namespace and fail outside it")
    func stringReferences() throws {
        let list = try #require(try Self.decode("d90100 84 63616161 d81900 626262 626262") as? [Any])
        #expect(list.compactMap { $0 as? String } == ["aaa", "aaa", "bb", "bb"])
        #expect(throws: CBORError(.unknownStringReference, offset: 0, "")) { try Self.decode("d81900") }
        #expect(throws: CBORError(.unknownStringReference, offset: 4, "")) { try Self.decode("d90100 82 d81901 00") }
    }

    @Test("options: duplicates, strict hashable types, string errors, trailing bytes")
    func options() throws {
        #expect(throws: CBORError(.duplicateMapKey, offset: 3, "")) {
            try Self.decode("a2 01 02 01 03") { $0.allowsDuplicateKeys = false }
        }
        let lastWins = try #require(try Self.decode("a2 01 02 01 03") as? OrderedDictionary<AnyHashable, Any>)
        #expect(lastWins[1] as? Int == 3 && lastWins.count == 1)
        #expect(throws: CBORError.self) { try Self.decode("a1 01 02") { $0.strictHashableTypes = true } }
        #expect(try Self.decode("a1 6161 02") { $0.strictHashableTypes = true } is OrderedDictionary<AnyHashable, Any>)
        // Set members too, as in cbor2; an empty frozen array is not a byte string though it casts to one.
        #expect(throws: CBORError.self) { try Self.decode("a1 80 00") { $0.strictHashableTypes = true } }
        #expect(throws: CBORError.self) { try Self.decode("d9 0102 82 6161 00") { $0.strictHashableTypes = true } }
        #expect(throws: CBORError.self) { try Self.decode("d9 0102 81 80") { $0.strictHashableTypes = true } }
        #expect(try Self.decode("d9 0102 82 6161 4161") { $0.strictHashableTypes = true } as? Set<AnyHashable>
            == [AnyHashable("a"), AnyHashable([UInt8]([0x61]))])
        #expect(throws: CBORError(.invalidUTF8, offset: 2, "")) { try Self.decode("63 61 ff 62") }
        #expect(try Self.decode("63 61 ff 62") { $0.stringErrors = .replace } as? String == "a\u{fffd}b")
        #expect(try Self.decode("63 61 ff 62") { $0.stringErrors = .ignore } as? String == "ab")
        #expect(try Self.decode("63 61 ff 62") { $0.stringErrors = .backslashReplace } as? String == "a\\xffb")
        // The value path repairs text too: keys (two that the repair makes equal stay two
        // entries of a CBORMap), and indefinite-length text chunk by chunk, as cbor2 does.
        var lenient = CBORDecoder()
        lenient.stringErrors = .replace
        #expect(try lenient.decodeValue(from: [UInt8](hex: "a2 62c328 01 62c329 02")) == .map(CBORMap([
            (.textString("\u{fffd}("), .unsigned(1)), (.textString("\u{fffd})"), .unsigned(2)),
        ])))
        #expect(try lenient.decodeValue(from: [UInt8](hex: "7f 61c3 61a9 ff")) == .textString("\u{fffd}\u{fffd}"))
        lenient.stringErrors = .backslashReplace
        #expect(try lenient.decodeValue(from: [UInt8](hex: "63 61 ff 62")) == .textString("a\\xffb"))
        #expect(throws: CBORError(.invalidUTF8, offset: 2, "")) { try CBORDecoder().decodeValue(from: [UInt8](hex: "63 61 ff 62")) }
        #expect(throws: CBORError(.trailingData, offset: 1, "")) { try Self.decode("01 02") }
        let first = try CBORDecoder().decodeFirst(from: [UInt8](hex: "01 02"))
        #expect(first.value as? Int == 1 && first.byteCount == 1)
    }

    @Test("malformed bignum and set contents are typed errors at the tag")
    func malformedTagContent() {
        #expect(throws: CBORError(.invalidTagContent, offset: 1, "")) { try Self.decode("81 c2 80") }
        #expect(throws: CBORError(.invalidTagContent, offset: 0, "")) { try Self.decode("d90102 6161") }
        #expect(throws: CBORError(.invalidTagContent, offset: 0, "")) { try Self.decode("d90102 4101") }
        #expect(throws: CBORError(.invalidTagContent, offset: 0, "")) { try Self.decode("c3 8101") }
    }
}
