import Foundation

/// The built-in meanings of tags: the decoders looked up after ``CBORDecoder/semanticDecoders``
/// and the encoders of the Swift types that stand for tagged items. The table of all of them is
/// in the documentation (Types.md).
enum BuiltInSemantics {
    /// Encoders by exact Swift type, consulted after the plain built-in types.
    static let encoders: [ObjectIdentifier: @Sendable (CBORWriter, Any) throws -> Void] = [
        key(Date.self): { writer, value in try BuiltInEncoders.dateTime(writer, try BuiltInEncoders.dateTime(of: try cast(value))) },
        key(CBORDateTime.self): { writer, value in try BuiltInEncoders.dateTime(writer, try cast(value)) },
        key(CBORDate.self): { writer, value in try BuiltInEncoders.date(writer, try cast(value)) },
        key(CBORDecimal.self): { writer, value in try BuiltInEncoders.decimal(writer, try cast(value)) },
        key(Decimal.self): { writer, value in try BuiltInEncoders.foundationDecimal(writer, try cast(value)) },
        key(CBORBigFloat.self): { writer, value in try BuiltInEncoders.bigFloat(writer, try cast(value)) },
        key(CBORRational.self): { writer, value in try BuiltInEncoders.rational(writer, try cast(value)) },
        key(CBORRegularExpression.self): { writer, value in try BuiltInEncoders.regularExpression(writer, try cast(value)) },
        key(CBORMIMEMessage.self): { writer, value in
            writer.encodeTag(36)
            try writer.encodeTagText((try cast(value) as CBORMIMEMessage).text)
        },
        key(UUID.self): { writer, value in BuiltInEncoders.uuid(writer, try cast(value)) },
        key(CBORIPAddress.self): { writer, value in try BuiltInEncoders.ipAddress(writer, try cast(value)) },
        key(CBORIPNetwork.self): { writer, value in try BuiltInEncoders.ipNetwork(writer, try cast(value)) },
        key(CBORIPInterface.self): { writer, value in try BuiltInEncoders.ipInterface(writer, try cast(value)) },
        key(CBORComplex.self): { writer, value in try BuiltInEncoders.complex(writer, try cast(value)) },
    ]

    /// Whether the decoder reads `tag` itself rather than through a decoder of its content:
    /// string references (25) and their namespaces (256), shared values (28) and references to
    /// them (29). cbor2 makes no object for any of them.
    static func isStructural(_ tag: UInt64) -> Bool {
        tag == 25 || tag == 28 || tag == 29 || tag == 256
    }

    /// Decoders by tag number, consulted after the user's semantic decoders.
    static let decoders: [UInt64: CBORSemanticDecoder] = [
        0: .value(BuiltInDecoders.dateTimeString),
        1: .value(BuiltInDecoders.epochDateTime),
        2: .value(BigNumDecoding.positive),
        3: .value(BigNumDecoding.negative),
        4: .value(BuiltInDecoders.decimal),
        5: .value(BuiltInDecoders.bigFloat),
        30: .value(BuiltInDecoders.rational),
        35: .value(BuiltInDecoders.regularExpression),
        36: .value(BuiltInDecoders.mime),
        37: .value(BuiltInDecoders.uuid),
        52: .value(BuiltInDecoders.ip(52, width: 4)),
        54: .value(BuiltInDecoders.ip(54, width: 16)),
        100: .value(BuiltInDecoders.epochDate),
        258: .decoding(SetDecoding.decode),
        260: .value(BuiltInDecoders.networkAddress),
        261: .value(BuiltInDecoders.networkPrefix),
        1004: .value(BuiltInDecoders.dateString),
        43000: .value(BuiltInDecoders.complex),
        55799: .decoding { context in try context.decode(immutable: true) },
    ]

    private static func key(_ type: Any.Type) -> ObjectIdentifier {
        ObjectIdentifier(type)
    }

    private static func cast<T>(_ value: Any) throws -> T {
        guard let typed = value as? T else {
            throw CBORError(.noEncoderForType, "expected a \(T.self), got a \(type(of: value))")
        }
        return typed
    }
}
