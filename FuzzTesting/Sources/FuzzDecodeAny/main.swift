// Decode to `Any` with every hook installed and immutable on and off: any input must give a
// value or an error, never a crash or a hang.
import Concise

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
    return [plain, hooked]
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for decoder in decoders {
        _ = try? decoder.decodeFirst(from: bytes)
    }
    return 0
}
