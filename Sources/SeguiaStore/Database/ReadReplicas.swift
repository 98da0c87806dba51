import Logging
import Metrics
import PostgresNIO
import Synchronization

/// PostgreSQL streaming replicas that may serve reads, and what is known of each: reachable or
/// not, how far it has replayed the primary's log, and how late that is.
///
/// Lag is measured in time, not bytes: every check notes the primary's log position, and a
/// replica is as late as the oldest noted position it has not replayed yet. An idle primary
/// then leaves an idle replica at no lag, which the replay timestamp alone would not.
/// Until it has been checked, a replica serves nothing.
public final class ReadReplicas: Sendable {
    public struct Replica: Sendable {
        /// For logs: the endpoint without its password.
        public let name: String
        public let database: Database

        public init(name: String, database: Database) {
            self.name = name
            self.database = database
        }
    }

    public let replicas: [Replica]
    /// A replica later than this is skipped.
    public let maximumLag: Duration
    private let state: Mutex<State>

    private struct State {
        var statuses: [Status]
        /// The primary's position at each check, oldest first, kept for `history` long.
        var primaryPositions: [(at: ContinuousClock.Instant, position: WALPosition)] = []
        var turn = 0
    }

    /// What the last check found of one replica.
    public struct Status: Sendable, Equatable {
        public var replayed: WALPosition?
        public var lag: Duration?
        public var isReachable = false

        /// Reachable, replaying, and no later than `maximumLag`.
        public func serves(within maximumLag: Duration) -> Bool {
            guard isReachable, replayed != nil, let lag else { return false }
            return lag <= maximumLag
        }
    }

    public init(replicas: [Replica], maximumLag: Duration = .seconds(5)) {
        self.replicas = replicas
        self.maximumLag = maximumLag
        self.state = Mutex(State(statuses: Array(repeating: Status(), count: replicas.count)))
    }

    /// A pool per endpoint, named by its host and port in logs and metrics. A replica that cannot
    /// lease a connection within a second is passed over for the primary.
    public static func connecting(
        to endpoints: [DatabaseEndpoint], maximumConnections: Int, maximumLag: Duration, logger: Logger
    ) -> ReadReplicas {
        ReadReplicas(
            replicas: endpoints.map { endpoint in
                let name = "\(endpoint.host):\(endpoint.port)"
                let client = PostgresClient(configuration: endpoint.clientConfiguration(maximumConnections: maximumConnections), backgroundLogger: logger)
                return Replica(
                    name: name, database: Database(client: client, maximumConnections: maximumConnections, leaseTimeout: .seconds(1), pool: name))
            },
            maximumLag: maximumLag)
    }

    public var statuses: [Status] {
        state.withLock { $0.statuses }
    }

    /// A replica in bound that has replayed `position`, taking them in turn; `nil`: read the primary.
    func choose(replayedAtLeast position: WALPosition) -> (index: Int, database: Database)? {
        state.withLock { state in
            let count = replicas.count
            for offset in 0..<count {
                let index = (state.turn + offset) % count
                let status = state.statuses[index]
                guard status.serves(within: maximumLag), let replayed = status.replayed, replayed >= position else { continue }
                state.turn = (index + 1) % count
                return (index, replicas[index].database)
            }
            return nil
        }
    }

    /// A replica that failed a request is left out until a check finds it again.
    func markUnreachable(_ index: Int) {
        state.withLock { $0.statuses[index].isReachable = false }
    }

    /// One round of checks: the primary's position, then each replica's replay, each within `timeout`.
    public func check(primary: Database, timeout: Duration = .seconds(2), logger: Logger) async {
        let now = ContinuousClock.now
        if let position = await Self.position(of: primary, sql: Database.writePositionSQL, timeout: timeout, logger: logger) {
            state.withLock { state in
                state.primaryPositions.append((now, position))
                let kept = max(maximumLag * 4, .seconds(60))
                state.primaryPositions.removeAll { now - $0.at > kept }
            }
        }
        for (index, replica) in replicas.enumerated() {
            let replayed = await Self.position(
                of: replica.database,
                sql: "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()::text END", timeout: timeout, logger: logger)
            let before = statuses[index]
            let status = state.withLock { state -> Status in
                var status = Status()
                status.isReachable = replayed != nil
                status.replayed = replayed
                if let replayed {
                    status.lag = Self.lag(of: replayed, primary: state.primaryPositions, now: now)
                }
                state.statuses[index] = status
                return status
            }
            let serves = status.serves(within: maximumLag)
            if serves != before.serves(within: maximumLag) {
                logger.notice(
                    "read replica \(serves ? "in use" : "skipped")",
                    metadata: ["replica": "\(replica.name)", "lag": "\(status.lag.map { "\($0)" } ?? "unknown")"])
            }
            Gauge(label: "seguia_db_replica_lag_seconds", dimensions: [("replica", replica.name)])
                .record(status.lag.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 } ?? -1)
        }
    }

    /// How long ago the primary was first seen past `replayed`; zero when the replica has
    /// replayed everything seen; `nil` while the primary has not been seen at all.
    static func lag(of replayed: WALPosition, primary: [(at: ContinuousClock.Instant, position: WALPosition)], now: ContinuousClock.Instant) -> Duration? {
        guard let latest = primary.last else { return nil }
        if replayed >= latest.position { return .zero }
        let firstAhead = primary.first { $0.position > replayed } ?? latest
        return now - firstAhead.at
    }

    /// A log position read by `sql`; `nil` when the server cannot be reached in time or is no replica.
    private static func position(of database: Database, sql: String, timeout: Duration, logger: Logger) async -> WALPosition? {
        await withTaskGroup(of: WALPosition?.self) { group in
            group.addTask { try? await database.logPosition(sql, logger: logger) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}

extension Database {
    static let writePositionSQL = "SELECT pg_current_wal_insert_lsn()::text"

    /// Where the primary's log is written up to now: past the commit of any write that returned.
    public func writePosition(logger: Logger) async throws -> WALPosition? {
        try await logPosition(Self.writePositionSQL, logger: logger)
    }

    /// The log position `sql` reads (one text column, NULL for none).
    fileprivate func logPosition(_ sql: String, logger: Logger) async throws -> WALPosition? {
        try await withConnection("replicas.position") { connection in
            for try await text in try await connection.run(PostgresQuery(unsafeSQL: sql), logger: logger).decode(String?.self) {
                return text.flatMap { WALPosition($0) }
            }
            return nil
        }
    }

    /// Runs a read on a replica when the request allows it (`ReadRouting.current`) and one is
    /// in bound; on the primary otherwise, or when the replica cannot lease a connection.
    ///
    /// Only reads that may be a moment old belong here: whatever a write or an `If-Match`
    /// depends on reads through `withConnection`, always the primary.
    public func withReadConnection<Result: Sendable>(
        _ operation: String, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        guard let replicas, case .replica(let position) = ReadRouting.current,
            let (index, replica) = replicas.choose(replayedAtLeast: position)
        else {
            return try await withConnection(operation, body)
        }
        let started = Atomic(false)
        do {
            let result = try await replica.withConnection(operation) { connection in
                started.store(true, ordering: .relaxed)
                return try await body(connection)
            }
            Counter(label: "seguia_db_replica_reads_total").increment()
            return result
        } catch let unavailable as DatabaseUnavailable where !started.load(ordering: .relaxed) {
            // Nothing was read yet: the same read, on the primary.
            replicas.markUnreachable(index)
            Logger(label: "seguia.replicas").warning(
                "read replica unreachable, reading the primary", metadata: ["replica": "\(replicas.replicas[index].name)", "reason": "\(unavailable.reason)"])
            return try await withConnection(operation, body)
        }
    }
}
