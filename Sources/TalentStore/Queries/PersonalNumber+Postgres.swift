import PostgresNIO
import TalentDomain

/// A personal-number column reads into a masked value: a record shows its numbers only once a service
/// has revealed them.
extension PersonalNumber: PostgresDecodable {
    public init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
        context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        self.init(stored: try String(from: &buffer, type: type, format: format, context: context))
    }
}
