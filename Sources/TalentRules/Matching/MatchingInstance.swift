import Foundation

/// A placement problem: trainees rank host positions, each position has a number of seats and ranks
/// the trainees it would take. A pair is acceptable only when the trainee lists the position and
/// the position ranks the trainee.
///
/// An instance that exists is valid: both initialisers check every list and throw a
/// ``MatchingInstanceError`` naming every problem with its path. Rankings must be strict (no ties,
/// no id twice), every id referenced must exist, capacities are whole numbers ≥ 0.
///
/// JSON (what ``init(json:)`` reads and `Codable` writes):
/// ```json
/// {"trainees": {"T1": ["P1", "P2"], "T2": ["P1"]},
///  "positions": {"P1": {"capacity": 1, "ranking": ["T2", "T1"]}, "P2": {"capacity": 2, "ranking": ["T1"]}}}
/// ```
/// Other top-level keys (such as the `"matching"` of an export) are ignored, so an exported cohort
/// can be matched again.
public struct MatchingInstance: Sendable, Equatable {
    /// A host position: how many trainees it takes, and the trainees it would take, best first.
    public struct Position: Sendable, Equatable, Codable {
        public var capacity: Int
        public var ranking: [String]

        public init(capacity: Int, ranking: [String]) {
            self.capacity = capacity
            self.ranking = ranking
        }
    }

    /// Trainee id → the position ids the trainee would accept, best first.
    public let trainees: [String: [String]]
    /// Position id → its capacity and ranking.
    public let positions: [String: Position]
    /// The same instance over dense indices, built once while validating (see ``IndexedInstance``).
    let indexed: IndexedInstance

    /// Checks and builds an instance from plain values.
    public init(trainees: [String: [String]], positions: [String: Position]) throws(MatchingInstanceError) {
        let raw = RawInstance(
            trainees: trainees.mapValues { $0.map(RawEntry.id) },
            positions: positions.mapValues { RawPosition(capacity: .whole($0.capacity), ranking: $0.ranking.map(RawEntry.id)) })
        try self.init(raw)
    }

    /// Reads and checks an instance from a JSON document. Malformed JSON, a wrong shape (with the
    /// path of the first wrong value) and every validation problem all come as a ``MatchingInstanceError``.
    public init(json: Data) throws(MatchingInstanceError) {
        let raw: RawInstance
        do {
            raw = try JSONDecoder().decode(RawInstance.self, from: json)
        } catch {
            throw MatchingInstanceError([Self.problem(decoding: error, in: json)])
        }
        try self.init(raw)
    }

    init(_ raw: RawInstance) throws(MatchingInstanceError) {
        let checked = try MatchingInstanceValidator.check(raw)
        trainees = checked.trainees
        positions = checked.positions
        indexed = checked.indexed
    }

    /// Trainee ids in the order every result uses (sorted).
    public var traineeIDs: [String] { indexed.traineeIDs }
    /// Position ids, sorted.
    public var positionIDs: [String] { indexed.positionIDs }

    /// Whether the trainee lists the position and the position ranks the trainee.
    public func isAcceptable(trainee: String, position: String) -> Bool {
        guard let list = trainees[trainee], let ranking = positions[position]?.ranking else { return false }
        return list.contains(position) && ranking.contains(trainee)
    }

    public static func == (lhs: MatchingInstance, rhs: MatchingInstance) -> Bool {
        lhs.trainees == rhs.trainees && lhs.positions == rhs.positions
    }

    /// A decoding failure as one problem with its path.
    static func problem(decoding error: any Error, in json: Data) -> MatchingInstanceError.Problem {
        guard let error = error as? DecodingError else {
            return .init(path: "", reason: "not a readable JSON document (\(error))")
        }
        let hint = "The instance is {\"trainees\": {\"<trainee id>\": [\"<position id>\", …]}, "
            + "\"positions\": {\"<position id>\": {\"capacity\": n, \"ranking\": [\"<trainee id>\", …]}}}."
        switch error {
        case let .typeMismatch(expected, context):
            return .init(path: MatchingPath.from(codingPath: context.codingPath),
                         reason: "expected \(Self.shape(expected)), found \(Self.found(context.debugDescription))", hint: hint)
        case let .valueNotFound(expected, context):
            return .init(path: MatchingPath.from(codingPath: context.codingPath),
                         reason: "expected \(Self.shape(expected)), found null", hint: hint)
        case let .keyNotFound(key, context):
            let path = MatchingPath.from(codingPath: context.codingPath + [key])
            return .init(path: path, reason: "missing", hint: hint)
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                return .init(path: "", reason: "not valid JSON: \(Self.syntaxProblem(in: json))",
                             hint: "Check the file is a JSON document in UTF-8.")
            }
            return .init(path: MatchingPath.from(codingPath: context.codingPath), reason: context.debugDescription, hint: hint)
        @unknown default:
            return .init(path: "", reason: "\(error)", hint: hint)
        }
    }

    /// "Expected to decode Array<Any> but found a dictionary instead." → "an object".
    private static func found(_ debugDescription: String) -> String {
        guard let start = debugDescription.range(of: "but found "),
              let end = debugDescription.range(of: " instead", range: start.upperBound..<debugDescription.endIndex)
        else { return "something else" }
        let kind = debugDescription[start.upperBound..<end.lowerBound]
        switch kind {
        case "a dictionary", "dictionary": return "an object"
        case "an array", "array": return "a list"
        case "number": return "a number"
        case "string": return "a string"
        case "bool", "boolean": return "true or false"
        default: return String(kind)
        }
    }

    private static func shape(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Dictionary") { return "an object" }
        if name.hasPrefix("Array") { return "a list" }
        if name == "String" { return "a string" }
        return name
    }

    /// Where the JSON syntax breaks, as far as Foundation says: JSONDecoder only says "not valid JSON",
    /// JSONSerialization says what and at which byte, which is turned into a line and column.
    static func syntaxProblem(in json: Data) -> String {
        if json.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return "the file is empty" }
        let detail: String
        do {
            _ = try JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
            return "the document could not be read"
        } catch {
            detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        }
        guard let marker = detail.range(of: "around character "),
              let offset = Int(detail[marker.upperBound...].prefix { $0.isNumber }), offset <= json.count
        else { return detail.hasSuffix(".") ? String(detail.dropLast()) : detail }
        let before = json.prefix(offset)
        let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        let column = before.count - (before.lastIndex(of: 0x0A).map { $0 + 1 - before.startIndex } ?? 0) + 1
        return "\(detail[..<marker.lowerBound].trimmingCharacters(in: .whitespaces)) at line \(line), column \(column)"
    }
}

extension MatchingInstance: Codable {
    private enum CodingKeys: String, CodingKey { case trainees, positions }

    /// Decodes and checks (a `Decoder` built by `JSONDecoder` rethrows the ``MatchingInstanceError``).
    public init(from decoder: any Decoder) throws {
        try self.init(RawInstance(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(trainees, forKey: .trainees)
        try container.encode(positions, forKey: .positions)
    }
}
