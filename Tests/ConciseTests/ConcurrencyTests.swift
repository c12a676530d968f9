import Dispatch
import Synchronization
import OrderedCollections
import Testing
@testable import Concise

/// Encoders and decoders are Sendable values: one configuration, hooks included, shared by
/// eight threads encoding and decoding at once. `make test` runs this under ThreadSanitizer.
struct ConcurrencyTests {
    final class Point: Sendable {
        let x: Int
        let y: Int
        init(_ x: Int, _ y: Int) {
            self.x = x
            self.y = y
        }
    }

    @Test("eight threads share one encoder and one decoder with hooks")
    func sharedConfigurations() {
        var encoder = CBOREncoder()
        encoder.register(Point.self) { writer, point in try writer.encodeSemantic(tag: 4000, [point.x, point.y]) }
        encoder.valueSharing = true
        var decoder = CBORDecoder()
        decoder.semanticDecoders[4000] = .value { content, _ in
            guard let items = content as? [Any], let x = items.first as? Int, let y = items.last as? Int else {
                throw CBORError(.invalidTagContent, "not a point")
            }
            return Point(x, y)
        }
        decoder.objectHook = { map, _ in map }
        let sharedEncoder = encoder
        let sharedDecoder = decoder
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0..<200 {
                do {
                    let value: OrderedDictionary<AnyHashable, Any> = ["thread": thread, "round": round, "point": Point(thread, round)]
                    let bytes = try sharedEncoder.encode(any: value)
                    let back = try sharedDecoder.decode(from: bytes)
                    let map = back as? OrderedDictionary<AnyHashable, Any>
                    let point = map?["point"] as? Point
                    if map?["thread"] as? Int != thread || point?.x != thread || point?.y != round {
                        failures.add()
                    }
                    let tree = try CBOR(decoding: bytes)
                    if try tree.encoded() != bytes { failures.add() }
                } catch {
                    failures.add()
                }
            }
        }
        #expect(failures.count == 0)
    }

    /// A counter several threads may bump.
    final class Failures: Sendable {
        private let value = Mutex(0)
        var count: Int { value.withLock { $0 } }
        func add() { value.withLock { $0 += 1 } }
    }
}
