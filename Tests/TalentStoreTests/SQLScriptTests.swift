import Testing
@testable import TalentStore
import TestSupport

@Suite("Splitting SQL scripts into statements")
struct SQLScriptTests {
    @Test func functionBodiesQuotesAndCommentsDoNotSplit() {
        let script = """
            -- A header comment; with a semicolon.
            CREATE TABLE t (id int, note text DEFAULT 'a;b', "odd;name" text);
            /* a block comment; with a semicolon
               over two lines */
            INSERT INTO t (note) VALUES ('it''s; fine');
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE NOTICE 'one; two';
                RETURN NEW;
            END $$;
            CREATE FUNCTION g(x int) RETURNS int LANGUAGE sql AS $body$ SELECT $1 + 1; $body$;
            PREPARE p AS SELECT $1::int; -- trailing comment; still a comment
            SELECT 1
            """
        let statements = SQLScript.statements(in: script)
        #expect(statements.count == 6)
        guard statements.count == 6 else { return }
        #expect(statements[0].hasSuffix(#"CREATE TABLE t (id int, note text DEFAULT 'a;b', "odd;name" text)"#))
        #expect(statements[0].hasPrefix("-- A header comment"))
        #expect(statements[1].hasSuffix("INSERT INTO t (note) VALUES ('it''s; fine')"))
        #expect(statements[2].hasPrefix("CREATE FUNCTION f()"))
        #expect(statements[2].contains("RAISE NOTICE 'one; two';"))
        #expect(statements[2].hasSuffix("END $$"))
        #expect(statements[3] == "CREATE FUNCTION g(x int) RETURNS int LANGUAGE sql AS $body$ SELECT $1 + 1; $body$")
        #expect(statements[4] == "PREPARE p AS SELECT $1::int")
        #expect(statements[5].hasSuffix("SELECT 1"))
        #expect(statements.allSatisfy { !$0.hasSuffix(";") })
    }

    @Test func blankAndCommentOnlyChunksAreDropped() {
        #expect(SQLScript.statements(in: "").isEmpty)
        #expect(SQLScript.statements(in: " ;\n; -- nothing here\n;\n").isEmpty)
        #expect(SQLScript.statements(in: "SELECT 1;\n-- the end\n") == ["SELECT 1"])
        #expect(SQLScript.statements(in: "SELECT 1;;SELECT 2") == ["SELECT 1", "SELECT 2"])
    }

    @Test func aDollarSignInsideADollarQuotedBodyWithAnotherTag() {
        let script = "DO $outer$ BEGIN EXECUTE $inner$ SELECT 1; $inner$; END $outer$; SELECT 2;"
        #expect(SQLScript.statements(in: script) == [
            "DO $outer$ BEGIN EXECUTE $inner$ SELECT 1; $inner$; END $outer$", "SELECT 2",
        ])
    }

    @Test func theRealSchemaSplitsIntoCompleteStatements() throws {
        let migrations = try Migration.load(from: TestDatabase.schemaDirectory)
        let first = try #require(migrations.first)
        let statements = SQLScript.statements(in: first.sql)
        #expect(statements.count > 10)
        let functions = statements.filter { $0.contains("CREATE FUNCTION") }
        #expect(functions.count >= 3)
        #expect(functions.allSatisfy { $0.hasSuffix("END $$") })
    }

    @Test func aTrailingBlockCommentIsNotAStatement() {
        #expect(SQLScript.statements(in: "SELECT 1; /* end; */") == ["SELECT 1"])
        #expect(SQLScript.statements(in: "/* only a comment */") == [])
    }

    @Test func escapeStringsMayHideQuotesAndSemicolons() {
        #expect(SQLScript.statements(in: #"SELECT E'it\'s; x'; SELECT 2"#) == [#"SELECT E'it\'s; x'"#, "SELECT 2"])
        // A plain string ending in a backslash is not an escape string.
        #expect(SQLScript.statements(in: #"SELECT 'a\'; SELECT 2"#) == [#"SELECT 'a\'"#, "SELECT 2"])
    }
}
