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

    /// Appends fixed text in which each `?` is replaced by the next value's `$n`, and each `??`
    /// is a literal `?`: jsonb's `?`, `?|` and `?&` operators are written `??`, `??|`, `??&`.
    /// The placeholders must match the values in number: a mismatch is a bug in the fragment.
    public mutating func append<each Value: PostgresNonThrowingEncodable & Sendable>(_ fragment: String, _ values: repeat each Value) {
        var pieces: [String] = [""]
        var characters = fragment.makeIterator()
        while let character = characters.next() {
            guard character == "?" else {
                pieces[pieces.count - 1].append(character)
                continue
            }
            if let following = characters.next() {
                if following == "?" {
                    pieces[pieces.count - 1].append("?")
                } else {
                    pieces.append(String(following))
                }
            } else {
                pieces.append("")
            }
        }
        var remaining = pieces.makeIterator()
        sql += remaining.next() ?? ""
        var bound = 0
        for value in repeat each values {
            bind(value)
            bound += 1
            sql += remaining.next() ?? ""
        }
        assert(bound == pieces.count - 1, "\(pieces.count - 1) placeholders for \(bound) values in: \(fragment)")
        while let rest = remaining.next() { sql += "?" + rest }
    }

    public var query: PostgresQuery {
        PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
