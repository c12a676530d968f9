/// The error every ConcreteJSON operation throws: what went wrong and where.
///
/// Errors from reading JSON carry the byte offset and the 1-based line and column of the
/// offending character; errors from reading CBOR carry the byte offset; errors about a value
/// (such as a set Python could not sort) carry neither. Equality compares the code and the
/// position, not the message.
public struct ConcreteJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem this is. Raw values are stable.
    public enum Code: Int, Sendable {
        /// The text is not JSON as Python's `json` module reads it.
        case syntax = 1
        /// The input ends inside a value.
        case truncated = 2
        /// A number is outside what Python (or the dtype) can hold: an integer of more than
        /// 4300 digits, a float literal that overflows to infinity.
        case numberOutOfRange = 3
        /// A string holds invalid UTF-8, a lone surrogate escape or a raw control character.
        case invalidString = 4
        /// Nesting is deeper than the decoder's `maxDepth`.
        case depthLimitExceeded = 5
        /// An object has the same key twice.
        case duplicateKey = 6
        /// A tagged object lacks a part it needs (`dtype` for numpy values).
        case missingField = 7
        /// A dtype this library does not know.
        case unsupportedDType = 8
        /// Array data does not fit its dtype (a fraction in an integer array, 300 in `uint8`,
        /// a float that `float32` cannot hold exactly).
        case valueOutOfDType = 9
        /// Nested lists are ragged, or a shape does not match the element count.
        case shapeMismatch = 10
        /// A `type_name` this decoder was told to refuse.
        case unknownTypeName = 11
        /// A value of the wrong kind where the format wants another.
        case unexpectedValue = 12
        /// Input after the end of the value.
        case trailingData = 13
        /// A set whose elements Python could not sort (`str` beside `int`, `None`…).
        case unorderableSet = 14
        /// CBOR input that is not well-formed, or holds an item this format has no place for.
        case invalidCBOR = 15
    }

    /// What kind of problem this is.
    public let code: Code
    /// The byte offset in the input, when the error comes from reading input.
    public let offset: Int?
    /// The 1-based line of `offset` in JSON input.
    public let line: Int?
    /// The 1-based column (in bytes) of `offset` in JSON input.
    public let column: Int?
    /// A sentence saying what is wrong.
    public let message: String

    /// Creates an error without a position.
    public init(_ code: Code, _ message: String) {
        self.init(code, message, offset: nil, line: nil, column: nil)
    }

    /// Creates an error at a position.
    public init(_ code: Code, _ message: String, offset: Int?, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The message with its position, such as `line 3, column 7 (offset 41): expected ':'`.
    public var description: String {
        switch (line, column, offset) {
        case (let line?, let column?, let offset?): "line \(line), column \(column) (offset \(offset)): \(message)"
        case (_, _, let offset?): "offset \(offset): \(message)"
        default: message
        }
    }

    /// Errors are equal when code and position agree.
    public static func == (lhs: ConcreteJSONError, rhs: ConcreteJSONError) -> Bool {
        lhs.code == rhs.code && lhs.offset == rhs.offset && lhs.line == rhs.line && lhs.column == rhs.column
    }
}
