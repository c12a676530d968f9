import ArgumentParser
import Concise
import ConciseCLI
import Foundation

@main
struct ConciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concise",
        abstract: "A CBOR (RFC 8949) codec: diagnostic notation, validation, canonical form.",
        subcommands: [Diag.self, Validate.self, Canonical.self, Demo.self]
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
        FileHandle.standardError.write(Data(("concise: " + message + "\n").utf8))
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

        func run() throws {
            print(try Commands.diagnose(try input.read(), sequence: sequence))
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
            let bytes = try Commands.canonicalize(try input.read(), bytewise: bytewise)
            if hexOutput {
                print(bytes.map { String(format: "%02x", $0) }.joined())
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
    }

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the main job on the embedded example.")

        func run() throws {
            print(try ConciseCLI.Demo.run())
        }
    }
}
