extension CBOR {
    /// An RFC 8746 little-endian typed array: the elements' bytes in one byte string under
    /// their tag (86 for `Double`, 85 for `Float`, 78 for `Int32`…), copied in one block.
    ///
    /// ```swift
    /// let item = CBOR(typedArray: [1.5, 2.5] as [Double])   // 86(h'000000000000F83F…')
    /// let back = item.typedArray(of: Double.self)           // [1.5, 2.5]
    /// ```
    public init<Element: CBORTypedArrayElement>(typedArray elements: [Element]) {
        var bytes = elements.withUnsafeBytes { source in
            [UInt8](unsafeUninitializedCapacity: source.count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                initialized = source.count
            }
        }
        #if _endian(big)
        Self.swapElements(&bytes, width: MemoryLayout<Element>.size)
        #endif
        self = .tagged(Element.littleEndianTag, .byteString(bytes))
    }

    /// The elements of a little-endian typed array of `Element`, or `nil` when the item is not
    /// one (another tag, not a byte string, or a length that is not a whole number of elements).
    public func typedArray<Element: CBORTypedArrayElement>(of _: Element.Type) -> [Element]? {
        guard case .tagged(Element.littleEndianTag, .byteString(var bytes)) = self else { return nil }
        let width = MemoryLayout<Element>.size
        guard bytes.count % width == 0 else { return nil }
        #if _endian(big)
        Self.swapElements(&bytes, width: width)
        #endif
        let count = bytes.count / width
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            }
            initialized = count
        }
    }

    #if _endian(big)
    private static func swapElements(_ bytes: inout [UInt8], width: Int) {
        guard width > 1 else { return }
        for start in stride(from: 0, to: bytes.count, by: width) { bytes[start..<start + width].reverse() }
    }
    #endif
}
