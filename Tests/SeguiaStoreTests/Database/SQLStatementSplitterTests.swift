import SeguiaStore
import Testing

@Suite struct SQLStatementSplitterTests {
    @Test func splitsOnSemicolonsAndTrims() {
        let statements = SQLStatementSplitter.split("CREATE TABLE a (x int);\n\n  INSERT INTO a VALUES (1) ;SELECT 1")
        #expect(statements == ["CREATE TABLE a (x int)", "INSERT INTO a VALUES (1)", "SELECT 1"])
    }

    @Test func keepsSemicolonsInsideStringsAndIdentifiers() {
        let statements = SQLStatementSplitter.split("INSERT INTO \"odd;name\" VALUES ('a;b', 'it''s; fine'); SELECT 2;")
        #expect(statements == ["INSERT INTO \"odd;name\" VALUES ('a;b', 'it''s; fine')", "SELECT 2"])
    }

    @Test func handlesBackslashEscapesOnlyInEStrings() {
        let statements = SQLStatementSplitter.split(#"SELECT E'a\';b'; SELECT 'c\'; SELECT 3;"#)
        #expect(statements == [#"SELECT E'a\';b'"#, #"SELECT 'c\'"#, "SELECT 3"])
    }

    @Test func keepsDollarQuotedBodiesWhole() {
        let script = """
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$
            BEGIN
              PERFORM 1; -- inner statement
              RETURN $$;$$::text::int;
            END
            $body$;
            SELECT $1;
            """
        let statements = SQLStatementSplitter.split(script)
        #expect(statements.count == 2)
        #expect(statements[0].hasSuffix("$body$"))
        #expect(statements[0].contains("PERFORM 1;"))
        #expect(statements[1] == "SELECT $1")
    }

    @Test func ignoresSemicolonsInCommentsAndDropsCommentOnlyStatements() {
        let script = """
            -- a comment; with a semicolon
            /* block; /* nested; */ still comment; */
            SELECT 1; -- trailing;
            ;
            /* only a comment */;
            """
        let statements = SQLStatementSplitter.split(script)
        #expect(statements.count == 1)
        #expect(statements[0].hasSuffix("SELECT 1"))
    }

    @Test func emptyScriptHasNoStatements() {
        #expect(SQLStatementSplitter.split("  \n -- nothing\n").isEmpty)
    }

    @Test func apostrophesInCommentsDoNotOpenStrings() {
        let script = """
            -- the parent's code
            CREATE TABLE a (x int);
            /* it's */ CREATE INDEX idx_a_x ON a (x);
            """
        #expect(SQLStatementSplitter.split(script).count == 2)
    }
}
