import Foundation

/// The result of a placement: every trainee of the instance, with the position they are placed at
/// or nil when unmatched.
///
/// JSON: `{"matching": {"<trainee id>": "<position id>" | null}}`, every trainee present, `null`
/// for unmatched ones (never a missing key).
public struct Matching: Sendable, Equatable {
    /// Trainee id → position id, or nil when the trainee is unmatched. Every trainee is a key.
    public var positionOf: [String: String?]

    public init(positionOf: [String: String?]) {
        self.positionOf = positionOf
    }

    /// The trainee's position; nil when unmatched (or not a trainee of the instance).
    public func position(of trainee: String) -> String? {
        positionOf[trainee] ?? nil
    }

    /// Trainees placed at a position, sorted.
    public func trainees(at position: String) -> [String] {
        positionOf.compactMap { $0.value == position ? $0.key : nil }.sorted()
    }

    /// Trainees with no position, sorted.
    public var unmatched: [String] {
        positionOf.compactMap { $0.value == nil ? $0.key : nil }.sorted()
    }

    /// How many trainees have a position.
    public var matchedCount: Int {
        positionOf.values.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
    }

    /// The JSON document, keys sorted, pretty-printed for people when `pretty`.
    public func json(pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension Matching: Codable {
    private enum CodingKeys: String, CodingKey { case matching }

    /// A trainee id as a key (ids are arbitrary text, not Swift names).
    private struct IDKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let entries = try container.nestedContainer(keyedBy: IDKey.self, forKey: .matching)
        var positionOf: [String: String?] = [:]
        positionOf.reserveCapacity(entries.allKeys.count)
        for key in entries.allKeys {
            let position: String? = try entries.decodeNil(forKey: key) ? nil : entries.decode(String.self, forKey: key)
            positionOf.updateValue(position, forKey: key.stringValue)
        }
        self.positionOf = positionOf
    }

    /// Writes `null` explicitly for unmatched trainees, so every trainee appears.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var entries = container.nestedContainer(keyedBy: IDKey.self, forKey: .matching)
        for (trainee, position) in positionOf {
            let key = IDKey(stringValue: trainee)
            if let position { try entries.encode(position, forKey: key) } else { try entries.encodeNil(forKey: key) }
        }
    }
}
