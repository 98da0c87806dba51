import PostgresNIO

/// Builds a statement from fixed SQL fragments and bound values, for queries whose clauses
/// depend on which filters are present. Values only ever travel as `$n` bindings; the text
/// appended must be written in this codebase, never taken from input.
public struct SQLBuilder: Sendable {
    public private(set) var sql: String
    public private(set) var bindings = PostgresBindings()

    public init(_ sql: String = "") {
        self.sql = sql
    }

    /// Appends fixed SQL text.
    public mutating func append(_ fragment: String) {
        sql += fragment
    }

    /// Appends `$n` for `value` and binds it.
    public mutating func bind<Value: PostgresNonThrowingEncodable & Sendable>(_ value: Value) {
        bindings.append(value)
        sql += "$\(bindings.count)"
    }

    /// Appends fixed text in which each `?` is replaced by the next value's `$n`.
    public mutating func append<each Value: PostgresNonThrowingEncodable & Sendable>(_ fragment: String, _ values: repeat each Value) {
        var pieces = fragment.split(separator: "?", omittingEmptySubsequences: false).makeIterator()
        sql += pieces.next() ?? ""
        for value in repeat each values {
            bind(value)
            sql += pieces.next() ?? ""
        }
        while let rest = pieces.next() { sql += "?" + rest }
    }

    public var query: PostgresQuery {
        PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
