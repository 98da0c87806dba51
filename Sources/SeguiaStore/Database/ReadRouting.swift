/// Where the reads of the request being served may come from: a request sets it once (the
/// server's routing middleware) and `Database.withReadConnection` follows it.
///
/// A task-local rather than a parameter: the repositories read the same way for every caller,
/// and only the edge knows whether the caller may see data a moment old.
public enum ReadRouting: Sendable, Equatable {
    /// Reads go to the primary: writes, reads an `If-Match` will depend on, authenticated API calls.
    case primary
    /// Reads may go to a replica in bound that has replayed at least `position` (the caller's
    /// last write; `.zero` when it wrote nothing recently).
    case replica(replayedAtLeast: WALPosition)

    @TaskLocal public static var current: ReadRouting = .primary
}

/// A position in PostgreSQL's write-ahead log, as `pg_current_wal_insert_lsn()` writes it
/// (`16/B374D848`: two hexadecimal halves).
public struct WALPosition: Sendable, Comparable, Hashable, CustomStringConvertible {
    public var value: UInt64

    public static let zero = WALPosition(value: 0)

    public init(value: UInt64) {
        self.value = value
    }

    public init?(_ text: some StringProtocol) {
        let halves = text.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, (1...8).contains(halves[0].count), (1...8).contains(halves[1].count),
            let high = UInt64(halves[0], radix: 16), let low = UInt64(halves[1], radix: 16)
        else { return nil }
        value = high << 32 | low
    }

    public var description: String {
        String(value >> 32, radix: 16, uppercase: true) + "/" + String(value & 0xFFFF_FFFF, radix: 16, uppercase: true)
    }

    public static func < (left: WALPosition, right: WALPosition) -> Bool {
        left.value < right.value
    }
}
