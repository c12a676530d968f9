/// Text as Python's `int()` reads it: white space around, an optional sign, decimal digits of
/// any script as Python 3.11 knows them (Unicode 14), single underscores between digits.
enum PythonIntegerText {
    /// The value of `text`, saturated to `Int`'s range, or `nil` when `int()` refuses it.
    static func value(of text: [UInt32]) -> Int? {
        let scalars = text.compactMap(Unicode.Scalar.init)
        guard scalars.count == text.count else { return nil }
        var body = scalars[...]
        while let first = body.first, first.isPythonSpace { body.removeFirst() }
        while let last = body.last, last.isPythonSpace { body.removeLast() }
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body.removeFirst()
        }
        guard let first = body.first, first != "_", body.last != "_" else { return nil }
        var value = 0
        var previousWasUnderscore = false
        for scalar in body {
            if scalar == "_" {
                guard !previousWasUnderscore else { return nil }
                previousWasUnderscore = true
                continue
            }
            previousWasUnderscore = false
            guard let digit = scalar.pythonDecimalDigitValue.map(Int.init) else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            value = overflow ? Int.max : min(product, Int.max - digit) + digit
        }
        return negative ? -value : value
    }
}
