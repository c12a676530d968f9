import Concise

/// The demo `make demo` runs: the main job on an embedded example.
public enum Demo {
    /// Runs the demo and returns what it prints.
    /// - Throws: ``CBORError`` if the embedded example does not round-trip (a bug).
    public static func run() throws -> String {
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
        lines.append(try CBOR(decoding: canonical).diagnosticDescription)
        do {
            _ = try CBOR(decoding: bytes.prefix(100))
        } catch {
            lines.append("the first 100 bytes alone: \(error)")
        }
        return lines.joined(separator: "\n")
    }
}
