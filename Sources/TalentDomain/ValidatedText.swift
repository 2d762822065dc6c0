/// A value written as one validated string (a name, a mobile number, a passport number …).
/// It is Codable as its `description` and validated again when decoded, so JSON can never carry
/// a value the constructor would refuse.
public protocol ValidatedText: Codable, CustomStringConvertible {
    /// Validates and normalizes `raw`.
    init(_ raw: String) throws(ValidationError)
}

extension ValidatedText {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
