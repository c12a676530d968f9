// Diagnostic notation of any decodable input, and of every item of a sequence; with encoding
// indicators too, which are read from the bytes themselves.
import Concise

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = CBORSequenceReader(bytes: bytes)
    while let item = try? reader.next() {
        _ = item.diagnosticDescription
    }
    _ = try? CBORDecoder().diagnosticNotation(ofSequence: bytes)
    return 0
}
