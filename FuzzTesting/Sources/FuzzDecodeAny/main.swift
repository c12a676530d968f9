// Decode to `Any` with every hook installed, immutable on and off, and cycles allowed and not:
// any input must give a value or an error, never a crash, a hang or a leak. A decoded cycle is a
// reference cycle by design (ValueSharing.md), so the harness breaks cycles before it lets go;
// the decoders with hooks refuse cycles, since a hook may drop the value that holds one.
// What the plain decoder gives (without shared values) is encoded again by `encode(any:)` on
// both backends, and by an encoder with an encoder registered for a type the value never
// holds, which turns off the writer's shortcuts (scalars written in containers' loops, key
// runs): all three must write the same bytes, or all refuse. The same in canonical mode, where
// an encoder registered for `String` that writes what the built-in one writes turns off the
// text keys sorted in place (every key is then encoded apart and the bytes sorted); the same
// with value sharing and string references; and with every map made a Swift dictionary
// (`[String: Any]` where all keys are text).
import Concise
import OrderedCollections

private let decoders: [CBORDecoder] = {
    var plain = CBORDecoder()
    plain.maxDepth = 64
    var hooked = plain
    hooked.immutable = true
    hooked.allowsDuplicateKeys = false
    hooked.stringErrors = .backslashReplace
    hooked.tagHook = { tag, immutable in immutable ? [AnyHashable(tag.tag), tag.value] : [tag.tag, tag.value] as [Any] }
    hooked.objectHook = { map, _ in map.count }
    hooked.semanticDecoders[4000] = .value { content, _ in [content] }
    hooked.semanticDecoders[258] = .decoding { context in try context.decode(immutable: true) }
    hooked.semanticDecoders[80000] = .shareable { _ in
        let box = CBORSharedValue(0)
        return (box, { content in
            box.value = content
            return box
        })
    }
    // A hook that drops a value (the object hook above keeps only a count) can orphan a cycle
    // inside it, which nothing could break: the hooked decoders refuse cycles.
    hooked.allowsCycles = false
    var mutableHooked = hooked
    mutableHooked.immutable = false
    return [plain, hooked, mutableHooked]
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Boxes come only from tag 28 (d81c, or a longer head d9/da/db) and the shareable decoder
    // of tag 80000 (da00013880): without those bytes there is nothing to walk.
    let mayShare = zip(bytes, bytes.dropFirst()).contains { $0 == 0xd8 && $1 == 0x1c } || bytes.contains { (0xd9...0xdb).contains($0) }
    for decoder in decoders {
        guard let (value, _) = try? decoder.decodeFirst(from: bytes) else { continue }
        if mayShare {
            releaseCycles(in: value)
        } else if decoder.tagHook == nil {
            compareEncodings(of: value, from: bytes)
        }
    }
    return 0
}

/// A type no decoded value holds.
private struct Unrelated {}

private let encoders: [CBOREncoder] = {
    var native = CBOREncoder()
    native.backend = .native
    var libcbor = CBOREncoder()
    libcbor.backend = .libcbor
    var unhurried = native
    unhurried.register(Unrelated.self) { writer, _ in try writer.encode(CBOR.null) }
    return [native, libcbor, unhurried]
}()

/// ``encoders`` in canonical mode, and the native one with the general path for text keys.
private let canonicalEncoders: [CBOREncoder] = {
    let sorted = encoders.map { encoder in
        var canonical = encoder
        canonical.canonical = true
        return canonical
    }
    var general = sorted[0]
    general.register(String.self) { writer, text in writer.encodeString(text) }
    return sorted + [general]
}()

/// ``canonicalEncoders`` with value sharing and string references too: keys and set members
/// sorted by bytes encoded without either, then encoded again where they are written.
private let markingEncoders: [CBOREncoder] = canonicalEncoders.map { encoder in
    var marking = encoder
    marking.valueSharing = true
    marking.stringReferencing = true
    return marking
}

/// The plain native encoder, and the same with the general path for text keys.
private let swiftEncoders: [CBOREncoder] = {
    var general = encoders[0]
    general.register(String.self) { writer, text in writer.encodeString(text) }
    return [encoders[0], general]
}()

/// Encodes `value` with each of ``encoders``, of ``canonicalEncoders`` and of
/// ``markingEncoders``, and
/// `value` with Swift dictionaries (``swiftContainers(_:)``) with each of ``swiftEncoders``:
/// the same bytes, or a refusal, from all in each group.
private func compareEncodings(of value: Any, from bytes: [UInt8]) {
    let groups = [
        (encoders, value), (canonicalEncoders, value), (markingEncoders, value), (swiftEncoders, swiftContainers(value)),
    ]
    for (group, value) in groups {
        let results = group.map { encoder in try? encoder.encode(any: value) }
        guard results.dropFirst().allSatisfy({ $0 == results[0] }) else {
            fatalError("encode(any:) writes \(bytes) back differently: \(results)")
        }
    }
}

/// `value` with every map a Swift dictionary: `[String: Any]` where every key is text,
/// `[AnyHashable: Any]` otherwise.
private func swiftContainers(_ value: Any) -> Any {
    switch value {
    case let map as OrderedDictionary<AnyHashable, Any>:
        var texts: [String: Any] = [:]
        var others: [AnyHashable: Any] = [:]
        for (key, item) in map {
            others[key] = swiftContainers(item)
            if let text = key.base as? String {
                texts[text] = others[key]
            }
        }
        return texts.count == others.count ? texts : others
    case let array as [Any]:
        return array.map(swiftContainers)
    default:
        return value
    }
}

/// Empties every shared box reachable from `root`, which breaks every cycle through one.
private func releaseCycles(in root: Any) {
    var seen = Set<ObjectIdentifier>()
    var boxes: [CBORSharedValue] = []
    var pending: [Any] = [root]
    while let next = pending.popLast() {
        // Cast to a class only what is a class instance: on Linux, casting a Swift set to a class
        // bridges it through NSSet, which traps on some members (found by this harness).
        if type(of: next) is AnyClass, let box = next as? CBORSharedValue {
            if seen.insert(ObjectIdentifier(box)).inserted {
                boxes.append(box)
                pending.append(box.value)
            }
            continue
        }
        pending.append(contentsOf: Mirror(reflecting: next).children.map(\.value))
    }
    for box in boxes {
        box.value = 0
    }
}
