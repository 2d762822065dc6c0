import Hummingbird
import TalentServices

/// Reading a request's query and path values, with the same refusals as a bad field anywhere.
extension Request {
    /// `?name=` as text (nil when absent or empty).
    func queryText(_ name: String) -> String? {
        uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `?q=` as a search: trimmed, nil when blank, at most 100 characters (a name is at most 100).
    func searchText(_ name: String) throws -> String? {
        guard let text = queryText(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard text.count <= 100 else {
            throw ServiceError.invalid(ValidationError(field: name, value: String(text.prefix(20)) + "…",
                                                       reason: "is longer than 100 characters"))
        }
        return text
    }

    /// `?reveal=true`: whether full identity and mobile numbers are asked for (only a principal entitled to
    /// them gets them; the service refuses the rest and audits every reveal).
    var asksToReveal: Bool { asksFor("reveal") }

    /// `?NAME=true` (or `1`, `yes`).
    func asksFor(_ name: String) -> Bool { ["true", "1", "yes"].contains(uri.queryParameters.get(name)?.lowercased() ?? "") }

    /// Limit and offset of a list: at most 200 at a time (50 when not given), so no list is unbounded.
    func paging(defaultLimit: Int = 50, maximum: Int = 200) throws -> (limit: Int, offset: Int) {
        let limit = try integer("limit", in: 1...maximum) ?? defaultLimit
        let offset = try integer("offset", in: 0...Int(Int32.max)) ?? 0
        return (limit, offset)
    }

    /// `?on=2026-12-01`: a day, or nil when absent.
    func queryDay(_ name: String) throws -> CalendarDate? {
        guard let text = queryText(name) else { return nil }
        guard let day = CalendarDate.parsing(cell: text) else {
            throw ServiceError.invalid(ValidationError(field: name, value: text, reason: "is not a date in the form YYYY-MM-DD"))
        }
        return day
    }

    /// `?month=2026-12`: a month, or nil when absent.
    func queryMonth(_ name: String) throws -> YearMonth? {
        guard let text = queryText(name) else { return nil }
        guard let month = YearMonth(text) else {
            throw ServiceError.invalid(ValidationError(field: name, value: text, reason: "is not a month in the form YYYY-MM"))
        }
        return month
    }

    /// `?within=30`: a whole number in `range`, or nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = queryText(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ServiceError.invalid(ValidationError(
                field: name, value: text, reason: "must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
        }
        return value
    }
}

extension TalentRequestContext {
    /// A path value that is a record number (`/talents/{id}`); anything else is not found, like a number
    /// that names no record.
    func recordNumber(_ name: String = "id", of what: String) throws -> Int64 {
        guard let text = parameters.get(name), let id = Int64(text), id > 0 else {
            throw ServiceError.notFound("no \(what) has that number")
        }
        return id
    }
}

/// A page of a list, with the paging that made it.
struct Page<Item: Encodable>: Encodable {
    var items: [Item]
    var limit: Int
    var offset: Int
    /// Whether another page may follow (this one is full, or the total says so).
    var more: Bool
    /// How many there are in all, where the list counts them.
    var total: Int?

    init(_ items: [Item], limit: Int, offset: Int, total: Int? = nil) {
        self.items = items
        self.limit = limit
        self.offset = offset
        self.total = total
        more = total.map { offset + items.count < $0 } ?? (items.count == limit)
    }
}
