// Concrete ML JSON: whatever decodes must write text that decodes and writes back to the same
// text, and must survive the trip through compact CBOR unchanged.
import ConcreteJSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? ConcreteJSONDecoder().decode(from: bytes),
        let text = try? ConcreteJSONEncoder().encodedBytes(value)  // unorderable sets may refuse
    else { return 0 }
    do {
        let again = try ConcreteJSONDecoder().decode(from: text)
        guard try ConcreteJSONEncoder().encodedBytes(again) == text else { fatalError("JSON text not stable for \(bytes)") }
        let back = try ConcreteValue(decodingCBOR: try again.encodedCBOR())
        guard try ConcreteJSONEncoder().encodedBytes(back) == text else { fatalError("CBOR trip changed \(bytes)") }
    } catch {
        fatalError("written JSON failed to read back: \(error) for \(bytes)")
    }
    return 0
}
