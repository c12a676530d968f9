import ArgumentParser
import Concise
import ConciseCLI
import ConcreteJSON
import Foundation

@main
struct ConciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concise",
        abstract: "A CBOR (RFC 8949) codec: diagnostic notation, JSON both ways, Concrete ML files, validation.",
        subcommands: [Diag.self, ToJSON.self, FromJSON.self, Concrete.self, Validate.self, Canonical.self, Bench.self, Demo.self]
    )

    /// Runs the command; bad input exits 1 with one line on stderr, usage errors exit 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CBORError {
            fail(error.description, status: 1)
        } catch let error as CLIError {
            fail(error.description, status: 1)
        } catch let error as ConcreteJSONError {
            fail(error.description, status: 1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data(("concise: " + OneLineMessage.escaping(message) + "\n").utf8))
        Foundation.exit(status)
    }
}

struct InputOptions: ParsableArguments {
    @Flag(help: "The input is hex text (whitespace ignored).")
    var hex = false

    @Argument(help: "The input file; standard input when absent or -.")
    var file: String?

    func read() throws -> [UInt8] {
        try CLIInput.read(file, hex: hex)
    }
}

extension ConciseCommand {
    struct Diag: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print RFC 8949 §8 diagnostic notation.")
        @OptionGroup var input: InputOptions
        @Flag(help: "Read an RFC 8742 sequence of items, one line each.")
        var sequence = false
        @Flag(
            name: .shortAndLong,
            help: "Show how each item is encoded (RFC 8949 §8.1): 23_0, 1.5_3, [_ 1], (_ h'01', h'02').")
        var encodingIndicators = false

        func run() throws {
            print(try Commands.diagnose(try input.read(), sequence: sequence, encodingIndicators: encodingIndicators))
        }
    }

    struct ToJSON: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "to-json",
            abstract: "CBOR to JSON with the conventions and flags of `python -m cbor2.tool`."
        )
        @Argument(help: "The input file; standard input when absent or -.")
        var file: String?
        @Flag(name: .shortAndLong, help: "Indent the output (four spaces).")
        var pretty = false
        @Flag(name: [.customShort("k"), .long], help: "Sort object keys.")
        var sortKeys = false
        @Flag(name: .shortAndLong, help: "Read a sequence of concatenated CBOR items, one JSON line each.")
        var sequence = false
        @Flag(name: .shortAndLong, help: "The input is base64 text.")
        var decode = false
        @Option(name: [.customShort("i"), .long], help: "Comma-separated tags to drop, keeping their content.")
        var tagIgnore = ""

        func run() throws {
            var bytes = try CLIInput.read(file)
            if decode { bytes = try CLIInput.decodeBase64(bytes) }
            var options = CBOR2ToolJSON()
            options.pretty = pretty
            options.sortKeys = sortKeys
            options.ignoredTags = Set(tagIgnore.split(separator: ",").compactMap { UInt64($0) })
            FileHandle.standardOutput.write(Data(try Commands.toJSON(bytes, options: options, sequence: sequence)))
        }
    }

    struct FromJSON: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "from-json",
            abstract: "JSON to CBOR, as `python -m cbor2.tool --format json` writes it (binary to stdout)."
        )
        @Argument(help: "The input file; standard input when absent or -.")
        var file: String?
        @Flag(help: "Write the canonical form: shortest floats, sorted keys.")
        var canonical = false
        @Flag(help: "Write hex text instead of binary.")
        var hexOutput = false

        func run() throws {
            let bytes = try Commands.fromJSON(try CLIInput.read(file), canonical: canonical)
            CLIOutput.write(bytes, hex: hexOutput)
        }
    }

    struct Concrete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Concrete ML's JSON format: to compact CBOR, back, or both ways.",
            subcommands: [ToCBOR.self, ToJSON.self, Recode.self]
        )

        struct ToCBOR: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "to-cbor", abstract: "Concrete ML JSON to compact CBOR (binary to stdout).")
            @Argument(help: "The input file; standard input when absent or -.")
            var file: String?
            @Flag(help: "Write hex text instead of binary.")
            var hexOutput = false

            func run() throws {
                CLIOutput.write(try Commands.concreteToCBOR(try CLIInput.read(file)), hex: hexOutput)
            }
        }

        struct ToJSON: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "to-json", abstract: "Compact CBOR back to the exact JSON Concrete ML writes.")
            @OptionGroup var input: InputOptions

            func run() throws {
                FileHandle.standardOutput.write(Data(try Commands.concreteToJSON(try input.read())))
            }
        }

        struct Recode: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Concrete ML JSON through CBOR and back to JSON.")
            @Argument(help: "The input file; standard input when absent or -.")
            var file: String?

            func run() throws {
                FileHandle.standardOutput.write(Data(try Commands.concreteRecode(try CLIInput.read(file))))
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check well-formedness and limits; exit 1 with the first error.")
        @OptionGroup var input: InputOptions
        @Option(help: "The deepest nesting allowed (default 400).")
        var maxDepth: Int?
        @Flag(help: "Refuse indefinite-length items.")
        var noIndefinite = false
        @Flag(help: "Refuse a map key that occurs twice.")
        var noDuplicateKeys = false

        func run() throws {
            print(try Commands.validate(try input.read(), maxDepth: maxDepth, allowsIndefinite: !noIndefinite, allowsDuplicateKeys: !noDuplicateKeys))
        }
    }

    struct Canonical: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the canonical form of the item (binary to stdout, or hex).")
        @OptionGroup var input: InputOptions
        @Flag(help: "Sort keys bytewise (RFC 8949 §4.2.1) instead of length-first (cbor2).")
        var bytewise = false
        @Flag(help: "Write hex text instead of binary.")
        var hexOutput = false

        func run() throws {
            CLIOutput.write(try Commands.canonicalize(try input.read(), bytewise: bytewise), hex: hexOutput)
        }
    }

    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure every workload and operation (build with -c release); `make bench` adds the C and cbor2 references."
        )
        @Flag(help: "Three rounds instead of ten: under a minute.")
        var quick = false
        @Flag(help: "Write the table as JSON.")
        var json = false
        @Option(help: "Only write each workload's CBOR into this folder (for the reference runners).")
        var writeInputs: String?
        @Option(help: "JSON lines of reference figures to compare with.")
        var references: String?
        @Option(help: "Only the sections whose workload or path contains this text (records, Codable, concrete…).")
        var filter: String?
        @Flag(help: "Peak memory while decoding each workload (each in a fresh process), against input + result.")
        var memory = false
        @Option(help: .hidden)
        var memoryProbe: String?
        @Option(help: "Run one operation once, for instruction counts: WORKLOAD,decode|encode,value|any,libcbor|native (scripts/bench/instructions.sh).")
        var once: String?

        func run() throws {
            if let once {
                let parts = once.split(separator: ",").map(String.init)
                guard parts.count == 4, let backend = CBORBackend.allCases.first(where: { "\($0)" == parts[3] }) else {
                    throw ValidationError("--once takes WORKLOAD,OPERATION,PATH,BACKEND")
                }
                try BenchOnce.run(workload: parts[0], operation: parts[1], path: parts[2], backend: backend)
                return
            }
            if let memoryProbe {
                FileHandle.standardOutput.write(try JSONEncoder().encode(BenchMemory.probe(memoryProbe)))
                return
            }
            if memory {
                let rows = try BenchMemory.run(executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path)
                if json { try Self.printJSON(rows) } else { print(BenchMemory.table(rows)) }
                return
            }
            if let writeInputs {
                try ConciseCLI.Bench.writeInputs(to: writeInputs)
                return
            }
            var bench = ConciseCLI.Bench()
            bench.quick = quick
            bench.filter = filter
            if let references { try bench.loadReferences(references) }
            let rows = try bench.run()
            if json { try Self.printJSON(rows) } else { print(ConciseCLI.Bench.table(rows)) }
        }

        private static func printJSON<Rows: Encodable>(_ rows: Rows) throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(rows))
            print()
        }
    }

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the main job on the embedded example.")

        func run() throws {
            print(try ConciseCLI.Demo.run())
        }
    }
}
