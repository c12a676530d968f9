extension UnsafeMutableBufferPointer {
    /// Sorts the elements in place, keeping equal elements in order: by insertion for up to 16
    /// elements (the keys of a map, most often a handful), where the standard library's sort
    /// costs about 90 instructions an element in calls and set-up; by the standard library's
    /// sort beyond. For elements without references, which are moved as plain bytes.
    @inline(__always)
    mutating func sortInsertingSmall(by areInIncreasingOrder: (Element, Element) -> Bool) {
        guard count <= 16 else {
            return sort(by: areInIncreasingOrder)
        }
        var index = 1
        while index < count {
            let element = self[index]
            var slot = index
            while slot > 0, areInIncreasingOrder(element, self[slot &- 1]) {
                self[slot] = self[slot &- 1]
                slot &-= 1
            }
            self[slot] = element
            index &+= 1
        }
    }
}
