/// The one error type of Concise: what went wrong, where, and a sentence about it.
///
/// Two errors are equal when their ``code`` and ``offset`` are equal; the ``message`` is for
/// people and may change between releases.
///
/// ```swift
/// do {
///     _ = try CBOR(decoding: [0x9a, 0xff, 0xff, 0xff, 0xff])
/// } catch let error as CBORError where error.code == .truncated {
///     print(error.offset ?? 0, error.message)
/// }
/// ```
public struct CBORError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure: a small extensible set of codes with stable numbers.
    public let code: Code
    /// The byte offset in the input where the offending item starts, when the error comes from
    /// input; `nil` for errors of encoding or configuration.
    public let offset: Int?
    /// A sentence that says what was wrong.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - offset: The byte offset of the offending item, if the error comes from input.
    ///   - message: A sentence that says what was wrong.
    public init(_ code: Code, offset: Int? = nil, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// `"truncated at byte 3: …"`, or the code and message alone when there is no offset.
    public var description: String {
        if let offset {
            return "\(code) at byte \(offset): \(message)"
        }
        return "\(code): \(message)"
    }

    /// Compares code and offset, ignoring the message.
    public static func == (lhs: CBORError, rhs: CBORError) -> Bool {
        lhs.code == rhs.code && lhs.offset == rhs.offset
    }

    /// Hashes code and offset.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(offset)
    }
}

extension CBORError {
    /// The kind of a ``CBORError``. Codes have stable numbers (``rawValue``), also used by the
    /// C interface; new codes may be added in later releases, so switch with a `default`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable number of the code.
        public let rawValue: Int

        /// Creates a code from its stable number.
        public init(rawValue: Int) {
            self.rawValue = rawValue
        }

        /// The input ends before the data item does (RFC 8949 Appendix F: "too little data").
        public static let truncated = Code(rawValue: 1)
        /// The input is not well-formed in a way no other code names.
        public static let malformed = Code(rawValue: 2)
        /// Additional information 28, 29 or 30, reserved by RFC 8949 §3.
        public static let reservedAdditionalInfo = Code(rawValue: 3)
        /// Additional information 31 on major type 0, 1 or 6, where no indefinite length exists.
        public static let invalidIndefiniteLength = Code(rawValue: 4)
        /// A break stop code (`0xff`) outside an indefinite-length item, or in a map's value
        /// position.
        public static let unexpectedBreak = Code(rawValue: 5)
        /// A chunk of an indefinite-length string that is not a definite-length string of the
        /// same major type (RFC 8949 §3.2.3).
        public static let invalidChunk = Code(rawValue: 6)
        /// A two-byte simple value below 32 (`0xf8 0x00`–`0xf8 0x1f`), not well-formed under
        /// RFC 8949 §3.3.
        public static let invalidSimpleValue = Code(rawValue: 7)
        /// A text string that is not valid UTF-8.
        public static let invalidUTF8 = Code(rawValue: 8)
        /// Nesting deeper than the decoder's `maxDepth`.
        public static let depthLimitExceeded = Code(rawValue: 9)
        /// Bytes after the data item, where a single item was expected.
        public static let trailingData = Code(rawValue: 10)
        /// An indefinite-length item while the decoder disallows them.
        public static let indefiniteLengthNotAllowed = Code(rawValue: 11)
        /// A map key seen before in the same map while the decoder disallows duplicates.
        public static let duplicateMapKey = Code(rawValue: 12)
        /// A tag whose content does not have the form the tag requires.
        public static let invalidTagContent = Code(rawValue: 13)
        /// A shared-value reference (tag 29) to a value that is unknown or not yet complete.
        public static let unknownSharedReference = Code(rawValue: 14)
        /// A string reference (tag 25) outside a namespace or to an unknown index.
        public static let unknownStringReference = Code(rawValue: 15)
        /// A value of a type that no encoder handles.
        public static let noEncoderForType = Code(rawValue: 16)
        /// A value that contains itself, met while value sharing is off.
        public static let cyclicStructure = Code(rawValue: 17)
        /// A value that cannot be represented in the requested form.
        public static let unsupportedValue = Code(rawValue: 18)

        private static let names: [Int: String] = [
            1: "truncated", 2: "malformed", 3: "reservedAdditionalInfo",
            4: "invalidIndefiniteLength", 5: "unexpectedBreak", 6: "invalidChunk",
            7: "invalidSimpleValue", 8: "invalidUTF8", 9: "depthLimitExceeded",
            10: "trailingData", 11: "indefiniteLengthNotAllowed", 12: "duplicateMapKey",
            13: "invalidTagContent", 14: "unknownSharedReference", 15: "unknownStringReference",
            16: "noEncoderForType", 17: "cyclicStructure", 18: "unsupportedValue",
        ]

        /// The code's name, such as `truncated`.
        public var description: String {
            Self.names[rawValue] ?? "code\(rawValue)"
        }
    }
}
