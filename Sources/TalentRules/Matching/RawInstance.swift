/// An instance document as read, before checking: lenient enough that every problem (a tie, an
/// entry that is not an id, a capacity that is not a whole number, a missing field) can be listed
/// with its path instead of stopping at the first.
/// A key given as `null` counts as present (and wrong), not as missing.
struct RawInstance: Decodable {
    var trainees: [String: [RawEntry]]?
    var positions: [String: RawPosition]?

    private enum CodingKeys: String, CodingKey { case trainees, positions }

    init(trainees: [String: [RawEntry]]?, positions: [String: RawPosition]?) {
        self.trainees = trainees
        self.positions = positions
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        trainees = try container.contains(.trainees) ? container.decode([String: [RawEntry]].self, forKey: .trainees) : nil
        positions = try container.contains(.positions) ? container.decode([String: RawPosition].self, forKey: .positions) : nil
    }
}

struct RawPosition: Decodable {
    var capacity: RawCapacity?
    var ranking: [RawEntry]?

    private enum CodingKeys: String, CodingKey { case capacity, ranking }

    init(capacity: RawCapacity?, ranking: [RawEntry]?) {
        self.capacity = capacity
        self.ranking = ranking
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        capacity = try container.contains(.capacity) ? container.decode(RawCapacity.self, forKey: .capacity) : nil
        ranking = try container.contains(.ranking) ? container.decode([RawEntry].self, forKey: .ranking) : nil
    }
}

/// One entry of a preference list or a ranking.
enum RawEntry: Decodable {
    /// An id, as it should be.
    case id(String)
    /// A list of ids in place of one: a tie, which rankings must not have.
    case tie([String])
    /// Anything else, described for the message ("a number", "null", …).
    case other(String)

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if let id = try? value.decode(String.self) {
            self = .id(id)
        } else if let tied = try? value.decode([String].self) {
            self = .tie(tied)
        } else {
            self = .other(JSONValueKind.describe(value))
        }
    }
}

/// A capacity as read.
enum RawCapacity: Decodable {
    case whole(Int)
    /// Not a whole number; the text says what it was ("2.5", "the text \"3\"", …).
    case other(String)

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if let whole = try? value.decode(Int.self) {
            self = .whole(whole)
        } else if let number = try? value.decode(Double.self) {
            self = .other(number.rounded() == number ? "\(number), which is too large" : "\(number)")
        } else {
            self = .other(JSONValueKind.describe(value))
        }
    }
}

/// Describes a JSON value that had the wrong type.
enum JSONValueKind {
    static func describe(_ value: any SingleValueDecodingContainer) -> String {
        if value.decodeNil() { return "null" }
        if let text = try? value.decode(String.self) { return "the text \"\(text)\"" }
        if let flag = try? value.decode(Bool.self) { return "\(flag)" }
        if let number = try? value.decode(Double.self) { return "the number \(number)" }
        if (try? value.decode([RawIgnored].self)) != nil { return "a list" }
        return "an object"
    }

    /// Decodes any value and keeps nothing (to tell a list from an object).
    private struct RawIgnored: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}
