import Foundation

/// Stock of a category kept for one priority group, as its own export category `<category>@reserved:g<group>`
/// (e.g. `2BR@reserved:g3`), so the mechanism needs no special case and the export shows it.
///
/// Placement rule: an applicant may use the reserved stock of a category exactly when their
/// priority group is the group it is reserved for and they are entitled to (and want) the category;
/// it then sits in their preferences **immediately before the same category's general stock**. So
/// they draw on the reserve first, and a reserved unit never goes to anyone outside the group.
public struct ReservedStock: Sendable, Hashable, Codable {
    /// The priority group it is kept for.
    public var group: Int
    /// The general category (`2BR`).
    public var category: String
    /// How many units of the round are held back.
    public var units: Int

    public init(group: Int, category: String, units: Int) {
        self.group = group
        self.category = category
        self.units = units
    }

    /// The export category, `2BR@reserved:g3`.
    public var exportCategory: String { Self.exportCategory(category, group: group) }

    /// `<category>@reserved:g<group>`.
    public static func exportCategory(_ category: String, group: Int) -> String {
        "\(category)@reserved:g\(group)"
    }

    /// The general category and group of a reserved export category; nil for a general one.
    public static func parse(_ exportCategory: String) -> (category: String, group: Int)? {
        guard let at = exportCategory.range(of: "@reserved:g", options: .backwards),
            let group = Int(exportCategory[at.upperBound...]), group >= 1, !exportCategory[..<at.lowerBound].isEmpty
        else { return nil }
        return (String(exportCategory[..<at.lowerBound]), group)
    }

    /// The effective preferences of an applicant of `group` whose entitled preferences are
    /// `categories` (general categories, most wanted first): each category's reserve for the group,
    /// if the round has it, right before the category itself; categories the round does not have
    /// (not a key of `units`) are left out.
    public static func effectivePreferences(_ categories: [String], group: Int, units: [String: Int]) -> [String] {
        var result: [String] = []
        for category in categories {
            let reserved = exportCategory(category, group: group)
            if units[reserved] != nil, !result.contains(reserved) { result.append(reserved) }
            if units[category] != nil, !result.contains(category) { result.append(category) }
        }
        return result
    }

    /// The round's stock by export category: each reserve is taken out of its category's units (in
    /// the order given, never more than is left), and appears only when it holds at least one unit.
    /// A general category stays a key even when the reserves took all of it.
    public static func split(_ units: [String: Int], reserving reserves: [ReservedStock]) -> [String: Int] {
        var result = units
        for reserve in reserves where reserve.units > 0 {
            let left = result[reserve.category] ?? 0
            let taken = min(left, reserve.units)
            guard taken > 0 else { continue }
            result[reserve.category] = left - taken
            result[reserve.exportCategory, default: 0] += taken
        }
        return result
    }
}
