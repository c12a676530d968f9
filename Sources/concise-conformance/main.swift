// The conformance testee (shared/conformance/CONTRACT.md): decodes CBOR from stdin into the
// typed description, or encodes a typed description from stdin into CBOR hex, with cbor2-style
// options and the contract's named hooks. Exit 0 on success, 1 on a decode/encode failure (with
// a one-line message on stderr), 2 on usage errors, 3 for what is not implemented.
import ConformanceKit
import Concise
import Foundation

struct Usage: Error, CustomStringConvertible {
    let description: String
}

func readStandardInput() -> [UInt8] {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = read(0, &buffer, buffer.count)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
}

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data((message.replacingOccurrences(of: "\n", with: " ") + "\n").utf8))
    exit(status)
}

func run(_ arguments: [String]) throws -> String {
    guard let command = arguments.first else { throw Usage(description: "usage: concise-conformance decode|encode [--mode semantic|raw] [--options JSON]") }
    var mode = "semantic"
    var options = JSONValue.object([])
    var discardOutput = false
    var rest = arguments.dropFirst()
    while let flag = rest.popFirst() {
        guard let value = rest.popFirst() else { throw Usage(description: "\(flag) needs a value") }
        switch flag {
        case "--mode": mode = value
        case "--options": options = try JSONValue.parse(value.isEmpty ? "{}" : value)
        case "--encode-output": guard value == "hex" else { throw TypedDescription.Unsupported("--encode-output \(value)") }
        // Not in the contract: decode without describing, for measuring the decoder alone.
        case "--output": discardOutput = value == "none"
        default: throw Usage(description: "unknown option \(flag)")
        }
    }
    let input = readStandardInput()
    switch command {
    case "decode":
        var decoder = CBORDecoder()
        try NamedHooks.configure(&decoder, from: options)
        switch mode {
        case "raw":
            return try RawDecoding.describe(input, with: decoder).serialized
        case "semantic":
            let (value, _) = try decoder.decodeFirst(from: input)
            if discardOutput { return "ok" }
            var describer = DynamicDescriber()
            return try describer.describe(root: value).serialized
        default:
            throw Usage(description: "unknown mode \(mode)")
        }
    case "encode":
        var encoder = CBOREncoder()
        try NamedHooks.configure(&encoder, from: options)
        var builder = DynamicBuilder()
        let value = try builder.value(try JSONValue.parse(String(decoding: input, as: UTF8.self)))
        return TypedDescription.hex(try encoder.encode(any: value))
    default:
        throw Usage(description: "unknown command \(command)")
    }
}

do {
    print(try run(Array(CommandLine.arguments.dropFirst())))
} catch let error as TypedDescription.Unsupported {
    fail(error.description, status: 3)
} catch let error as Usage {
    fail(error.description, status: 2)
} catch {
    fail("\(error)", status: 1)
}
