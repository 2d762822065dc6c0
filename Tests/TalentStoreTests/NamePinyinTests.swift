import Foundation
import Testing
@testable import TalentStore
import TalentDomain
import TestSupport

/// Talents found by pinyin and initials: every insert stores them, the migrator fills rows stored
/// without them, and filling them in is not a new version of the record.
@Suite("Talent names in pinyin")
struct NamePinyinTests {
    static func draft(_ name: String, _ identity: String) throws -> TalentDraft {
        TalentDraft(name: try PersonName(name), identity: try PersonIdentity(key: identity))
    }

    static func names(_ store: Store, _ search: String) async throws -> [String] {
        try await store.read { try await $0.talents(TalentFilter(search: search)).map(\.name) }
    }

    @Test func aSearchMatchesTheNameThePinyinPrefixOrTheInitials() async throws {
        let settings = try await TestDatabase.make()
        try await Store.withStore(settings) { store in
            try await store.write { session in
                _ = try await session.insertTalent(try Self.draft("王小明", "11010519491231002X"), employerID: nil)
                _ = try await session.insertTalent(try Self.draft("汪晓敏", "440524188001010014"), employerID: nil)
                _ = try await session.insertTalent(try Self.draft("曾志伟", "360426199101010071"), employerID: nil)
            }
            #expect(try await Self.names(store, "wang").sorted() == ["汪晓敏", "王小明"])
            #expect(try await Self.names(store, "wangxiaoming") == ["王小明"])
            #expect(try await Self.names(store, "Wang Xiao Ming") == ["王小明"])
            #expect(try await Self.names(store, "WXM").sorted() == ["汪晓敏", "王小明"])
            #expect(try await Self.names(store, "zeng") == ["曾志伟"], "曾 read as a surname")
            #expect(try await Self.names(store, "ceng").isEmpty)
            #expect(try await Self.names(store, "小明") == ["王小明"])
            #expect(try await Self.names(store, "xiaoming").isEmpty, "pinyin matches from the start of the name")
            #expect(try await Self.names(store, "%").isEmpty, "a wildcard is a character like any other")
            #expect(try await store.read { try await $0.talentCount(TalentFilter(search: "w", limit: 1)) } == 2)
        }
    }

    @Test func theMigratorFillsRowsStoredWithoutPinyinAndKeepsNoHistoryForIt() async throws {
        let settings = try await TestDatabase.make()
        try await Store.withStore(settings) { store in
            let stored = try await store.write { session in
                try await session.insertTalent(try Self.draft("单于琳", "44011320141005001X"), employerID: nil)
            }
            // As a row written before migration 0008.
            try await store.write { try await $0.execute(sql: "UPDATE talents SET name_pinyin = NULL, name_initials = NULL") }
            #expect(try await Self.names(store, "syl").isEmpty)
            let migrator = Migrator(migrations: try Migration.load(from: TestDatabase.schemaDirectory))
            #expect(try await migrator.migrate(store).isEmpty)
            #expect(try await Self.names(store, "syl") == ["单于琳"])
            #expect(try await Self.names(store, "shanyu") == ["单于琳"])
            let after = try #require(try await store.read { try await $0.talent(id: stored.id) })
            #expect(after.version == stored.version)
            #expect(after.updatedAt == stored.updatedAt)
            #expect(try await store.read { try await $0.talentHistory(id: stored.id) }.isEmpty)
            // A real change still keeps its history.
            _ = try await store.write { try await $0.updateTalent(id: stored.id, try Self.draft("单于林", "44011320141005001X"), employerID: nil) }
            #expect(try await store.read { try await $0.talentHistory(id: stored.id) }.count == 1)
            #expect(try await Self.names(store, "shanyulin") == ["单于林"])
        }
    }
}
