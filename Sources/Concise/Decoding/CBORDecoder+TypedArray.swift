extension CBORDecoder {
    /// Decodes exactly one RFC 8746 little-endian typed array of `Element` (tag 86 for
    /// `Double`, 85 for `Float`, 78 for `Int32`…), copying its elements once, from the input
    /// straight into the array; ``CBOR/typedArray(of:)`` after ``decodeValue(from:)`` copies
    /// them twice.
    ///
    /// ```swift
    /// let bytes = CBOREncoder().encode(typedArray: [1.5, 2.5] as [Double])
    /// let values = try CBORDecoder().decodeTypedArray(of: Double.self, from: bytes)  // [1.5, 2.5]
    /// ```
    /// - Parameters:
    ///   - type: The element type.
    ///   - bytes: The encoded item.
    /// - Returns: The elements.
    /// - Throws: ``CBORError`` with the byte offset of the first problem, as
    ///   ``decodeValue(from:)`` throws it; ``CBORError/Code/invalidTagContent`` at offset 0 for a
    ///   well-formed item that is not a typed array of `Element`: another item or tag, content
    ///   that is not a byte string, or a length that is not a whole number of elements.
    public func decodeTypedArray<Element: CBORTypedArrayElement, Bytes: Sequence<UInt8>>(
        of type: Element.Type, from bytes: Bytes
    ) throws(CBORError) -> [Element] {
        try withContiguousBytes(bytes) { buffer in
            Result { () throws(CBORError) -> [Element] in
                try withTypedArrayBytes(of: type, in: buffer) { source in
                    let count = source.count / MemoryLayout<Element>.size
                    return [Element](unsafeUninitializedCapacity: count) { target, initialized in
                        UnsafeMutableRawBufferPointer(target).copyMemory(from: source)
                        initialized = count
                    }
                }
            }
        }.get()
    }

    /// Calls `body` with the elements' bytes, in the host's layout, of exactly one typed array of
    /// `Element` in `buffer`, checked as ``decodeTypedArray(of:from:)`` checks it: the payload
    /// itself where it lies in one piece in the host's byte order, or else the bytes of the
    /// elements made through the value (chunks joined, or elements swapped). So a caller that
    /// keeps the elements elsewhere (the C interface's `malloc` memory) copies them once.
    package func withTypedArrayBytes<Element: CBORTypedArrayElement, Result>(
        of _: Element.Type, in buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafeRawBufferPointer) -> Result
    ) throws(CBORError) -> Result {
        do {
            return try withTape(of: buffer, at: 0) { tape, end in
                guard end == buffer.count else { throw Self.trailingData(at: end, count: buffer.count) }
                return try Self.withTypedArrayBytes(of: Element.self, tape: tape, in: buffer, body)
            }
        } catch let error as CBORError {
            throw error
        } catch {
            // `withTape` rethrows what its body throws: only CBORError here.
            throw CBORError(.malformed, offset: 0, "\(error)")
        }
    }

    /// ``withTypedArrayBytes(of:in:_:)`` on the typed array `tape` holds (a tag, its byte string
    /// and, when that is of indefinite length, its chunks), read from `buffer`.
    private static func withTypedArrayBytes<Element: CBORTypedArrayElement, Result>(
        of _: Element.Type, tape: [TapeEntry], in buffer: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeRawBufferPointer) -> Result
    ) throws(CBORError) -> Result {
        let notTypedArray = CBORError(
            .invalidTagContent, offset: 0,
            "not an RFC 8746 typed array of \(Element.self): tag \(Element.littleEndianTag) over a byte string of whole elements")
        let width = MemoryLayout<Element>.size
        guard tape.count >= 2, tape[0].kind == .tag, tape[0].argument == Element.littleEndianTag,
              tape[1].kind == .byteString, tape[1].argument % UInt64(width) == 0
        else { throw notTypedArray }
        let payload = tape[1]
        #if _endian(big)
        let liesInPlace = false
        #else
        let liesInPlace = !payload.isIndefinite
        #endif
        guard liesInPlace else {
            // Chunks joined, or elements swapped, through the value.
            let value = try TapeValueBuilder(bytes: buffer, tape: tape, allowsDuplicateKeys: true).build()
            guard let elements = value.typedArray(of: Element.self) else { throw notTypedArray }
            return elements.withUnsafeBytes(body)
        }
        return body(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[payload.link..<payload.link + Int(payload.argument)])))
    }
}
