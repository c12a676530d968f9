import Concise

/// SplitMix64: a fixed-seed generator, so every run (and the C reference) sees the same bytes.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

enum Workloads {
    /// 100 000 random Int64 in one array.
    static func ints() -> CBOR {
        var rng = SplitMix64(state: 1)
        return .array((0..<100_000).map { _ in CBOR(Int64(bitPattern: rng.next())) })
    }

    /// 10 000 records `{id, name (12 chars), score, tags (3 strings), active}`.
    static func records() -> CBOR {
        var rng = SplitMix64(state: 2)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func word(_ count: Int) -> String {
            String((0..<count).map { _ in letters[Int(rng.next() % 26)] })
        }
        return .array((0..<10_000).map { index in
            [
                "id": CBOR(index),
                "name": .textString(word(12)),
                "score": .double(Double(rng.next() % 1_000_000) / 1000),
                "tags": [.textString(word(5)), .textString(word(6)), .textString(word(7))],
                "active": .boolean(rng.next() % 2 == 0),
            ]
        })
    }
}
