extension ConcreteValue {
    /// Values are equal when their cases and contents are; floats compare by bit pattern, so
    /// `NaN` equals itself and `0.0` differs from `-0.0`, as the text they write does.
    public static func == (lhs: ConcreteValue, rhs: ConcreteValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null), (.inspectEmpty, .inspectEmpty): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.bigInt(let a), .bigInt(let b)): a == b
        case (.float(let a), .float(let b)): a.bitPattern == b.bitPattern
        case (.string(let a), .string(let b)), (.exactness(let a), .exactness(let b)), (.torchDevice(let a), .torchDevice(let b)): a == b
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)), (.set(let a), .set(let b)): a == b
        case (.dict(let a), .dict(let b)), (.validSplit(let a), .validSplit(let b)): a == b
        case (.numpyScalar(let a), .numpyScalar(let b)), (.array(let a), .array(let b)): a == b
        case (.randomState(let a), .randomState(let b)): a == b
        case (.opaque(let nameA, let hexA), .opaque(let nameB, let hexB)): nameA == nameB && hexA == hexB
        case (.object(let nameA, let valueA), .object(let nameB, let valueB)): nameA == nameB && valueA == valueB
        default: false
        }
    }
}
