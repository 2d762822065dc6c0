import Foundation
import PostgresNIO
import TalentDomain

/// Reads columns by name, turning decode failures into `StoreError.internal` with the column named.
struct RowReader {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row.makeRandomAccess()
    }

    func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        do {
            return try row[column].decode(T.self, context: .default)
        } catch {
            throw StoreError.internal("column \(column) could not be read as \(T.self): \(error)")
        }
    }

    func date(_ column: String) throws -> CalendarDate? {
        guard let text = try value(column, as: String?.self) else { return nil }
        guard let date = CalendarDate(text) else {
            throw StoreError.internal("column \(column) holds '\(text)', not a date")
        }
        return date
    }

    func term<T: RawRepresentable>(_ column: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let raw: String = try value(column, as: String?.self) else { return nil }
        guard let value = T(rawValue: raw) else {
            throw StoreError.internal("column \(column) holds unknown value '\(raw)'")
        }
        return value
    }
}

extension StoreSession {
    /// Runs a query and maps every row.
    func rows<T>(_ query: PostgresQuery, _ transform: (RowReader) throws -> T) async throws -> [T] {
        var result: [T] = []
        for try await row in try await self.query(query) {
            result.append(try transform(RowReader(row)))
        }
        return result
    }

    func firstRow<T>(_ query: PostgresQuery, _ transform: (RowReader) throws -> T) async throws -> T? {
        try await rows(query, transform).first
    }
}

enum JSONText {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // The store's own JSON (audit entries, earlier versions) keeps personal numbers whole.
        encoder.userInfo[.personalNumbersInFull] = true
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
