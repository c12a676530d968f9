// The C interface (include/concise.h). Every entry point catches every error: no Swift error
// or type crosses the boundary, and bad input only ever produces a status code.
import CConcise
import Concise
import ConciseCLI
import ConcreteJSON
import Foundation

/// The version string `concise_version` returns.
private let versionString: StaticString = "0.1.0"

/// The status code of a C interface failure that is not a ``CBORError``.
private enum Status {
    static let invalidArgument: Int32 = 100
    static let invalidJSON: Int32 = 101
    static let unsupported: Int32 = 102
}

@_cdecl("concise_version")
public func conciseVersion() -> UnsafePointer<CChar> {
    UnsafeRawPointer(versionString.utf8Start).assumingMemoryBound(to: CChar.self)
}

@_cdecl("concise_validate")
public func conciseValidate(
    _ data: UnsafePointer<UInt8>?, _ length: Int, _ limits: UnsafePointer<concise_limits>?,
    _ error: UnsafeMutablePointer<concise_error>?
) -> Int32 {
    var decoder = CBORDecoder()
    if let limits = limits?.pointee {
        // `size_t` arrives as `Int`: a depth past `Int.max` (SIZE_MAX for "no limit") is read
        // unsigned, so it reaches the decoder's ceiling instead of looking negative.
        let maxDepth = UInt(bitPattern: limits.max_depth)
        if maxDepth > 0 { decoder.maxDepth = Int(clamping: maxDepth) }
        decoder.allowsIndefiniteLength = limits.allow_indefinite != 0
        decoder.allowsDuplicateKeys = limits.allow_duplicate_keys != 0
    }
    return report(error) {
        let input = try buffer(data, length)
        _ = try decoder.decodeValue(from: input)
    }
}

@_cdecl("concise_to_diagnostic")
public func conciseToDiagnostic(
    _ data: UnsafePointer<UInt8>?, _ length: Int, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ outLength: UnsafeMutablePointer<Int>?, _ error: UnsafeMutablePointer<concise_error>?
) -> Int32 {
    diagnostic(data, length, out, outLength, error) { try CBOR(decoding: $0).diagnosticDescription }
}

@_cdecl("concise_to_diagnostic_encoded")
public func conciseToDiagnosticEncoded(
    _ data: UnsafePointer<UInt8>?, _ length: Int, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ outLength: UnsafeMutablePointer<Int>?, _ error: UnsafeMutablePointer<concise_error>?
) -> Int32 {
    diagnostic(data, length, out, outLength, error) { try CBORDecoder().diagnosticNotation(of: $0) }
}

/// The diagnostic functions: `render` makes the text of the input.
private func diagnostic(
    _ data: UnsafePointer<UInt8>?, _ length: Int, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ outLength: UnsafeMutablePointer<Int>?, _ error: UnsafeMutablePointer<concise_error>?,
    _ render: ([UInt8]) throws -> String
) -> Int32 {
    report(error, clearing: out, outLength) {
        let input = try buffer(data, length)
        guard let out else { throw invalid("out is NULL") }
        out.pointee = try copyText(try render(Array(input)), length: outLength)
    }
}

@_cdecl("concise_canonicalize")
public func conciseCanonicalize(
    _ data: UnsafePointer<UInt8>?, _ length: Int, _ out: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
    _ outLength: UnsafeMutablePointer<Int>?, _ error: UnsafeMutablePointer<concise_error>?
) -> Int32 {
    report(error, clearing: out, outLength) {
        let input = try buffer(data, length)
        guard let out else { throw invalid("out is NULL") }
        var encoder = CBOREncoder()
        encoder.canonical = true
        out.pointee = try copyBytes(try encoder.encode(try CBOR(decoding: input)), length: outLength)
    }
}

@_cdecl("concise_cbor_to_json")
public func conciseCBORToJSON(
    _ data: UnsafePointer<UInt8>?, _ length: Int, _ flavor: Int32,
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ outLength: UnsafeMutablePointer<Int>?,
    _ error: UnsafeMutablePointer<concise_error>?
) -> Int32 {
    report(error, clearing: out, outLength) {
        let input = try buffer(data, length)
        guard let out else { throw invalid("out is NULL") }
        let bytes = Array(input)
        let json: [UInt8]
        switch flavor {
        case Int32(CONCISE_JSON_CBOR2TOOL): json = Array(try Commands.toJSON(bytes).dropLast())  // the tool's newline
        case Int32(CONCISE_JSON_CONCRETE): json = try ConcreteJSONEncoder().encodedBytes(try ConcreteValue(cbor: try CBOR(decoding: bytes)))
        default: throw invalid("unknown JSON flavor \(flavor)")
        }
        out.pointee = try copyText(String(decoding: json, as: UTF8.self), length: outLength)
    }
}

@_cdecl("concise_json_to_cbor")
public func conciseJSONToCBOR(
    _ json: UnsafePointer<CChar>?, _ length: Int, _ flavor: Int32,
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, _ outLength: UnsafeMutablePointer<Int>?,
    _ error: UnsafeMutablePointer<concise_error>?
) -> Int32 {
    report(error, clearing: out, outLength) {
        guard let out else { throw invalid("out is NULL") }
        let text = try buffer(UnsafeRawPointer(json)?.assumingMemoryBound(to: UInt8.self), length, name: "json")
        let bytes = Array(text)
        switch flavor {
        case Int32(CONCISE_JSON_CBOR2TOOL): out.pointee = try copyBytes(try Commands.fromJSON(bytes), length: outLength)
        case Int32(CONCISE_JSON_CONCRETE): out.pointee = try copyBytes(try Commands.concreteToCBOR(bytes), length: outLength)
        default: throw invalid("unknown JSON flavor \(flavor)")
        }
    }
}

@_cdecl("concise_typed_array_encode")
public func conciseTypedArrayEncode(
    _ elements: UnsafeRawPointer?, _ count: Int, _ elementType: Int32,
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, _ outLength: UnsafeMutablePointer<Int>?,
    _ error: UnsafeMutablePointer<concise_error>?
) -> Int32 {
    report(error, clearing: out, outLength) {
        guard let out else { throw invalid("out is NULL") }
        guard elements != nil || count == 0 else { throw invalid("elements is NULL but the count is not 0") }
        func encode<Element: CBORTypedArrayElement>(_ type: Element.Type) throws -> UnsafeMutablePointer<UInt8> {
            // The tag and the byte string's head take at most 11 bytes.
            let byteCount = count.multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
            guard count >= 0, !byteCount.overflow, byteCount.partialValue <= Int.max - 11 else {
                // `size_t` arrives as `Int`: the caller's count is its bit pattern read unsigned.
                throw invalid("a count of \(UInt(bitPattern: count)) elements does not fit in memory")
            }
            #if _endian(big)
            let source = UnsafeBufferPointer(start: elements?.assumingMemoryBound(to: Element.self), count: count)
            return try copyBytes(CBOREncoder().encode(typedArray: source), length: outLength)
            #else
            // The head, then the elements copied once, straight from the caller's memory.
            let head = CBOREncoder().typedArrayHead(of: type, byteCount: byteCount.partialValue)
            let memory = try allocate(head.count + byteCount.partialValue)
            head.withUnsafeBytes { memory.copyMemory(from: $0) }
            UnsafeMutableRawBufferPointer(rebasing: memory[head.count...])
                .copyMemory(from: UnsafeRawBufferPointer(start: elements, count: byteCount.partialValue))
            outLength?.pointee = memory.count
            return memory.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
            #endif
        }
        out.pointee = try withElementType(elementType) { try encode($0) }
    }
}

@_cdecl("concise_typed_array_decode")
public func conciseTypedArrayDecode(
    _ data: UnsafePointer<UInt8>?, _ length: Int, _ elementType: Int32,
    _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ count: UnsafeMutablePointer<Int>?,
    _ error: UnsafeMutablePointer<concise_error>?
) -> Int32 {
    report(error, clearing: out, count) {
        let input = try buffer(data, length)
        guard let out else { throw invalid("out is NULL") }
        func decode<Element: CBORTypedArrayElement>(_ type: Element.Type) throws -> UnsafeMutableRawPointer {
            // The elements copied once, from the input straight into the memory handed back.
            let copy = try CBORDecoder().withTypedArrayBytes(of: type, in: input) { bytes in
                (memory: try? copyMemory(bytes), count: bytes.count / MemoryLayout<Element>.stride)
            }
            guard let memory = copy.memory else { throw outOfMemory }
            count?.pointee = copy.count
            return memory
        }
        out.pointee = try withElementType(elementType) { try decode($0) }
    }
}

/// Calls `body` with the Swift type of a C element type (`CONCISE_FLOAT64`…).
private func withElementType<Result>(
    _ elementType: Int32, _ body: (any CBORTypedArrayElement.Type) throws -> Result
) throws -> Result {
    switch elementType {
    case Int32(CONCISE_UINT8): try body(UInt8.self)
    case Int32(CONCISE_UINT16): try body(UInt16.self)
    case Int32(CONCISE_UINT32): try body(UInt32.self)
    case Int32(CONCISE_UINT64): try body(UInt64.self)
    case Int32(CONCISE_INT8): try body(Int8.self)
    case Int32(CONCISE_INT16): try body(Int16.self)
    case Int32(CONCISE_INT32): try body(Int32.self)
    case Int32(CONCISE_INT64): try body(Int64.self)
    case Int32(CONCISE_FLOAT16): try body(Float16.self)
    case Int32(CONCISE_FLOAT32): try body(Float.self)
    case Int32(CONCISE_FLOAT64): try body(Double.self)
    default: throw invalid("unknown element type \(elementType)")
    }
}

@_cdecl("concise_free")
public func conciseFree(_ pointer: UnsafeMutableRawPointer?) {
    free(pointer)
}

// MARK: Plumbing

/// A failure of the C interface itself (arguments, JSON, unsupported flavors).
private struct CInterfaceError: Error {
    let code: Int32
    let message: String
}

private func invalid(_ message: String) -> CInterfaceError {
    CInterfaceError(code: Status.invalidArgument, message: message)
}

/// The input as a buffer; an empty buffer for NULL with length 0.
/// - Throws: an invalid argument for NULL with another length, or a length past `PTRDIFF_MAX`
///   (`size_t` arrives as `Int`, so it would look negative), which no buffer has.
private func buffer(
    _ data: UnsafePointer<UInt8>?, _ length: Int, name: String = "data"
) throws -> UnsafeBufferPointer<UInt8> {
    guard length >= 0 else {
        throw invalid("a length of \(UInt(bitPattern: length)) bytes is more than any buffer holds (PTRDIFF_MAX)")
    }
    if let data { return UnsafeBufferPointer(start: data, count: length) }
    guard length == 0 else { throw invalid("\(name) is NULL but the length is not 0") }
    return UnsafeBufferPointer(start: nil, count: 0)
}

/// ``report(_:_:)`` for a function with an output: on failure `*out` becomes NULL and
/// `*length` 0, so that the caller may `concise_free(*out)` whatever the status.
private func report<Output>(
    _ error: UnsafeMutablePointer<concise_error>?, clearing out: UnsafeMutablePointer<Output?>?,
    _ length: UnsafeMutablePointer<Int>?, _ body: () throws -> Void
) -> Int32 {
    let status = report(error, body)
    if status != 0 {
        out?.pointee = nil
        length?.pointee = 0
    }
    return status
}

/// Runs `body`, turning any error into a status code and filling `error` when given.
private func report(_ error: UnsafeMutablePointer<concise_error>?, _ body: () throws -> Void) -> Int32 {
    let code: Int32
    let offset: Int
    let message: String
    do {
        try body()
        error?.pointee.code = 0
        error?.pointee.offset = 0
        if let error { write("", to: error) }
        return 0
    } catch let failure as CBORError {
        code = Int32(clamping: failure.code.rawValue)
        offset = failure.offset ?? 0
        message = failure.description
    } catch let failure as ConcreteJSONError {
        switch failure.code {
        case .invalidCBOR, .unorderableSet: code = Int32(CBORError.Code.unsupportedValue.rawValue)
        default: code = Status.invalidJSON
        }
        offset = failure.offset ?? 0
        message = failure.description
    } catch let failure as CLIError {
        code = Int32(CBORError.Code.unsupportedValue.rawValue)
        offset = 0
        message = failure.description
    } catch let failure as CInterfaceError {
        code = failure.code
        offset = 0
        message = failure.message
    } catch {
        code = Int32(CBORError.Code.malformed.rawValue)
        offset = 0
        message = "\(error)"
    }
    if let error {
        error.pointee.code = code
        error.pointee.offset = offset
        write(message, to: error)
    }
    return code
}

/// Copies at most 255 bytes of `message` on one line (``OneLineMessage``: a NUL from the input
/// would end it early), cut at a character boundary, and a NUL.
private func write(_ message: String, to error: UnsafeMutablePointer<concise_error>) {
    let utf8 = Array(OneLineMessage.escaping(message).utf8)
    withUnsafeMutableBytes(of: &error.pointee.message) { raw in
        var count = min(utf8.count, raw.count - 1)
        while count > 0 && count < utf8.count && utf8[count] & 0xc0 == 0x80 {
            count -= 1
        }
        raw.copyBytes(from: utf8[..<count])
        raw[count] = 0
    }
}

private func copyText(_ text: String, length: UnsafeMutablePointer<Int>?) throws -> UnsafeMutablePointer<CChar> {
    let utf8 = Array(text.utf8)
    guard let memory = malloc(utf8.count + 1)?.assumingMemoryBound(to: CChar.self) else { throw outOfMemory }
    utf8.withUnsafeBufferPointer { source in
        memory.withMemoryRebound(to: UInt8.self, capacity: utf8.count + 1) { target in
            if let base = source.baseAddress { target.update(from: base, count: utf8.count) }
            target[utf8.count] = 0
        }
    }
    length?.pointee = utf8.count
    return memory
}

private func copyBytes(_ bytes: [UInt8], length: UnsafeMutablePointer<Int>?) throws -> UnsafeMutablePointer<UInt8> {
    length?.pointee = bytes.count
    return try bytes.withUnsafeBytes { try copyMemory($0) }.assumingMemoryBound(to: UInt8.self)
}

/// `bytes` in new `malloc` memory, which `concise_free` releases: never NULL, even for no bytes.
private func copyMemory(_ bytes: UnsafeRawBufferPointer) throws -> UnsafeMutableRawPointer {
    let memory = try allocate(bytes.count)
    memory.copyMemory(from: bytes)
    return memory.baseAddress.unsafelyUnwrapped
}

/// `count` bytes of new `malloc` memory, which `concise_free` releases: never NULL (its base
/// address), even for no bytes.
private func allocate(_ count: Int) throws -> UnsafeMutableRawBufferPointer {
    guard let memory = malloc(max(count, 1)) else { throw outOfMemory }
    return UnsafeMutableRawBufferPointer(start: memory, count: count)
}

/// The error when `malloc` gives no memory.
private var outOfMemory: CInterfaceError {
    CInterfaceError(code: Status.unsupported, message: "out of memory")
}
