import Concise
import ConcreteJSON
import Foundation

/// The demo `make demo` runs: the main job on an embedded example.
public enum Demo {
    /// Runs the demo and returns what it prints.
    /// - Throws: ``CLIError`` if an embedded example does not round-trip (a bug).
    public static func run() throws -> String {
        var lines = try concrete()
        lines.append("")
        lines += try sensor()
        return lines.joined(separator: "\n")
    }

    /// A Concrete ML deployment file (quantizers and weights written by Concrete ML 1.9.0's own
    /// `ConcreteEncoder`) read, transcoded to compact CBOR and back, byte identity checked.
    static func concrete() throws -> [String] {
        let json = PackageResources.concrete_deployment_json
        var lines = ["Concrete ML deployment file: \(json.count) bytes of JSON written by ConcreteEncoder (1.9.0)"]
        let value = try ConcreteJSONDecoder().decode(from: json)
        if case .dict(let object) = value {
            for entry in object.entries {
                lines.append("  \(entry.key.jsonText): \(summary(entry.value))")
            }
        }
        let cbor = try value.encodedCBOR()
        let back = try ConcreteJSONEncoder().encodedBytes(try ConcreteValue(decodingCBOR: cbor))
        guard back == json else { throw CLIError("JSON → CBOR → JSON changed the deployment file") }
        lines.append(String(format: "compact CBOR: %d bytes (%.1f%% of the JSON); CBOR → JSON gives the same %d bytes",
                            cbor.count, 100 * Double(cbor.count) / Double(json.count), back.count))
        let (decodeRate, encodeRate) = throughput(json: json, cbor: cbor)
        lines.append(String(format: "throughput (this build): JSON → value %.0f MB/s, value → CBOR → JSON %.0f MB/s", decodeRate, encodeRate))
        let diagnostic = try CBOR(decoding: cbor).diagnosticDescription
        lines.append("diagnostic notation of the CBOR (first 400 characters):")
        lines.append("  " + String(diagnostic.prefix(400)) + (diagnostic.count > 400 ? " …" : ""))
        return lines
    }

    /// The CBOR part: an item written by Python's cbor2, through both backends.
    static func sensor() throws -> [String] {
        let bytes = PackageResources.sensor_example_cbor
        var lines: [String] = []
        let value = try CBOR(decoding: bytes)
        lines.append("Decoded \(bytes.count) bytes of CBOR written by Python's cbor2:")
        lines.append(value.diagnosticDescription)
        for backend in CBORBackend.allCases {
            var decoder = CBORDecoder()
            decoder.backend = backend
            var encoder = CBOREncoder()
            encoder.backend = backend
            let again = try encoder.encode(try decoder.decodeValue(from: bytes))
            guard again == bytes else {
                throw CLIError("\(backend): decode → encode gave different bytes")
            }
            lines.append("\(backend) backend: decode → encode gives the same \(again.count) bytes")
        }
        let canonical = try Commands.canonicalize(bytes)
        lines.append("canonical form (length-first keys, shortest floats): \(canonical.count) bytes")
        do {
            _ = try CBOR(decoding: bytes.prefix(100))
        } catch {
            lines.append("the first 100 bytes alone: \(error)")
        }
        return lines
    }

    private static func summary(_ value: ConcreteValue) -> String {
        switch value {
        case .array(let array): "numpy array \(array.dtype.rawValue) \(array.shape)"
        case .object(let name, _): name
        case .list(let items): "list of \(items.count): " + items.prefix(3).map(summary).joined(separator: ", ") + (items.count > 3 ? ", …" : "")
        case .dict(let object): "dict of \(object.count) keys"
        case .int(let integer): String(integer)
        case .string(let text): "\"\(text)\""
        default: value.typeName ?? "value"
        }
    }

    private static func throughput(json: [UInt8], cbor: [UInt8]) -> (Double, Double) {
        func rate(_ bytes: Int, _ body: () throws -> Void) -> Double {
            let rounds = 20
            let elapsed = ContinuousClock().measure {
                for _ in 0..<rounds { try? body() }
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return Double(bytes * rounds) / max(seconds, 1e-9) / 1e6
        }
        let decode = rate(json.count) { _ = try ConcreteJSONDecoder().decode(from: json) }
        let encode = rate(json.count) { _ = try ConcreteJSONEncoder().encodedBytes(try ConcreteValue(decodingCBOR: cbor)) }
        return (decode, encode)
    }
}
