/// How a person is identified: a mainland resident identity number, or a foreign passport with
/// its issuing country.
///
/// Encoded as its ``key`` string.
public enum PersonIdentity: Hashable, Sendable, Codable {
    case resident(ResidentIdentityNumber)
    case passport(PassportNumber, Nationality)

    /// The unique key stored in the database: the resident identity number, or
    /// `NATIONALITY:PASSPORT` such as `USA:E1234567`.
    public var key: String {
        switch self {
        case .resident(let id): id.value
        case .passport(let number, let nationality): nationality.code + ":" + number.value
        }
    }

    /// The key with the middle hidden, for lists and logs.
    public var masked: String {
        switch self {
        case .resident(let id): id.masked
        case .passport(let number, let nationality): nationality.code + ":" + number.masked
        }
    }

    /// Reads a ``key`` back (as stored in the database).
    public init(key: String) throws(ValidationError) {
        if let colon = key.firstIndex(of: ":") {
            let nationality = try Nationality(String(key[..<colon]))
            let number = try PassportNumber(String(key[key.index(after: colon)...]))
            self = .passport(number, nationality)
        } else {
            self = .resident(try ResidentIdentityNumber(key))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(key: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(key)
    }
}
