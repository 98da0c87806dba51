import PostgresNIO
import SeguiaStore
import Testing

@Suite struct SQLBuilderTests {
    /// jsonb's `?` operators once took the place of the next value's placeholder.
    @Test func doubledQuestionMarksAreJSONBOperators() {
        var sql = SQLBuilder("SELECT 1 FROM t WHERE")
        sql.append(" data ?? 'key' AND tags ??| ? AND id = ?", ["a", "b"], Int64(7))
        #expect(sql.sql == "SELECT 1 FROM t WHERE data ? 'key' AND tags ?| $1 AND id = $2")
        #expect(sql.bindings.count == 2)
    }

    @Test func plainPlaceholdersBindInOrder() {
        var sql = SQLBuilder()
        sql.append("a = ? AND b = ?", "x", Int64(2))
        #expect(sql.sql == "a = $1 AND b = $2")
    }
}
