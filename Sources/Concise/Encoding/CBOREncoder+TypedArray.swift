extension CBOREncoder {
    /// Encodes `elements` as an RFC 8746 little-endian typed array (tag 86 for `Double`, 85 for
    /// `Float`, 78 for `Int32`…): the tag, a byte string head and the elements' bytes, copied
    /// once. The same bytes as `encode(CBOR(typedArray: elements))`, which copies them twice.
    ///
    /// ```swift
    /// let bytes = CBOREncoder().encode(typedArray: [1.5] as [Double])  // d8 56 48 00…f8 3f
    /// ```
    /// - Parameter elements: The elements, in order.
    /// - Returns: The encoded bytes.
    public func encode<Element: CBORTypedArrayElement>(typedArray elements: [Element]) -> [UInt8] {
        elements.withUnsafeBufferPointer { encode(typedArray: $0) }
    }

    /// Encodes the elements in `elements` as an array of them is encoded, copying them once:
    /// from memory the caller holds (a C array, say).
    ///
    /// - Parameter elements: The elements, in order.
    /// - Returns: The encoded bytes.
    public func encode<Element: CBORTypedArrayElement>(typedArray elements: UnsafeBufferPointer<Element>) -> [UInt8] {
        var writer = ByteWriter(backend: backend)
        writer.writeHead(major: 6, argument: Element.littleEndianTag)
        #if _endian(big)
        guard case .tagged(_, .byteString(let bytes)) = CBOR(typedArray: Array(elements)) else { return [] }
        writer.writeByteString(bytes)
        #else
        elements.withMemoryRebound(to: UInt8.self) { writer.writeString(major: 2, payload: $0) }
        #endif
        // Consumed, so that `finish` hands the storage over without a copy.
        return (consume writer).finish()
    }

    /// What ``encode(typedArray:)`` writes before the elements on a little-endian host, for
    /// `byteCount` bytes of elements of `Element`: the tag and the byte string's head. With the
    /// elements' bytes after it, a caller that keeps the output elsewhere (the C interface's
    /// `malloc` memory) copies the elements once.
    package func typedArrayHead<Element: CBORTypedArrayElement>(of _: Element.Type, byteCount: Int) -> [UInt8] {
        var writer = ByteWriter(backend: backend, capacity: 16)
        writer.writeHead(major: 6, argument: Element.littleEndianTag)
        writer.writeHead(major: 2, argument: UInt64(byteCount))
        return (consume writer).finish()
    }
}
