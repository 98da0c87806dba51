import Logging
import Metrics
import PostgresNIO
import SeguiaCore
import Synchronization

/// The connection pool as repositories use it, with usage exported as metrics.
///
/// PostgresClient does not publish its pool's state, so connections are counted here, as
/// they are leased: `seguia_db_connections_in_use` against `seguia_db_connections_max`, and
/// one duration per repository operation.
///
/// PostgresClient also waits for a connection as long as it takes: while PostgreSQL is away,
/// every request would hang. A lease not granted within `leaseTimeout` fails with
/// `DatabaseUnavailable` instead, which the API answers 503 with `Retry-After`.
public struct Database: Sendable {
    public let client: PostgresClient
    public let maximumConnections: Int
    public let leaseTimeout: Duration
    /// Replicas that may serve reads (`withReadConnection`); `nil`: everything reads the primary.
    public let replicas: ReadReplicas?
    private let usage: PoolUsage

    /// `pool` names the server in the pool's metrics: `primary`, or a replica's host and port.
    public init(
        client: PostgresClient, maximumConnections: Int, leaseTimeout: Duration = .seconds(3), replicas: ReadReplicas? = nil,
        pool: String = "primary"
    ) {
        self.client = client
        self.maximumConnections = maximumConnections
        self.leaseTimeout = leaseTimeout
        self.replicas = replicas
        self.usage = PoolUsage(maximumConnections: maximumConnections, pool: pool)
    }

    /// Runs `body` on a pooled connection, timing it under `operation`.
    public func withConnection<Result: Sendable>(
        _ operation: String,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let start = ContinuousClock.now
        usage.lease()
        defer {
            usage.release()
            Timer(label: "seguia_db_operation_duration_seconds", dimensions: [("operation", operation)])
                .recordInterval(since: start)
        }
        do {
            return try await withLease(body)
        } catch let error as AppError {
            // A domain outcome such as "not found" is an answer, not a database failure.
            throw error
        } catch {
            Counter(label: "seguia_db_operation_errors_total", dimensions: [("operation", operation)]).increment()
            if let unavailable = DatabaseUnavailable(error) { throw unavailable }
            throw error
        }
    }

    /// Runs `body` in one transaction on a pooled connection.
    public func withTransaction<Result: Sendable>(
        _ operation: String, logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await withConnection(operation) { connection in
            try await connection.inTransaction(logger: logger, body)
        }
    }

    private enum LeaseEvent: Sendable {
        case leased(PostgresConnection)
        case failed(any Error)
        case timedOut
    }

    /// The pool's lease with a deadline: the lease is asked for in a child task, which holds the
    /// connection until `body` is done with it, and is cancelled if the deadline passes first.
    private func withLease<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        let (events, eventSink) = AsyncStream<LeaseEvent>.makeStream()
        let (done, doneSignal) = AsyncStream<Void>.makeStream()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [client] in
                do {
                    try await client.withConnection { connection in
                        eventSink.yield(.leased(connection))
                        for await _ in done {}
                    }
                } catch {
                    eventSink.yield(.failed(error))
                }
            }
            let timer = Task { [leaseTimeout] in
                try await Task.sleep(for: leaseTimeout)
                eventSink.yield(.timedOut)
            }
            defer {
                timer.cancel()
                doneSignal.finish()
            }
            var iterator = events.makeAsyncIterator()
            switch await iterator.next() {
            case .leased(let connection):
                timer.cancel()
                let result = try await body(connection)
                doneSignal.finish()
                try await group.waitForAll()
                return result
            case .failed(let error):
                throw error
            case .timedOut:
                group.cancelAll()
                throw DatabaseUnavailable(reason: "no database connection could be had within \(leaseTimeout)")
            case nil:
                group.cancelAll()
                throw CancellationError()
            }
        }
    }
}

/// PostgreSQL cannot be reached, or not in time: an answer to retry later (503), not a failure
/// of the request.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "database unavailable: \(reason)" }

    public init(reason: String) {
        self.reason = reason
    }

    /// The errors that mean the database went away rather than refused the request.
    public init?(_ error: any Error) {
        if let unavailable = error as? DatabaseUnavailable {
            self = unavailable
            return
        }
        guard let error = error as? PSQLError else { return nil }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            self.init(reason: "the connection to PostgreSQL was lost")
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            // 57P01-57P03: administrator shutdown, crash shutdown, cannot connect now; 08: connection exceptions.
            guard state.hasPrefix("57P") || state.hasPrefix("08") else { return nil }
            self.init(reason: "PostgreSQL is shutting down or starting (\(state))")
        default:
            return nil
        }
    }
}

extension PostgresConnection {
    /// `query`, refused at once on a connection that has closed.
    ///
    /// PostgresNIO hands a query to a closed channel without watching the write, and such a
    /// query is never answered: when PostgreSQL ends a session between two queries of a
    /// request (a shutdown, a restart), the next query would hang the request for good.
    @discardableResult
    public func run(_ query: PostgresQuery, logger: Logger, file: String = #fileID, line: Int = #line) async throws -> PostgresRowSequence {
        guard !isClosed else { throw DatabaseUnavailable(reason: "the connection to PostgreSQL was closed") }
        return try await self.query(query, logger: logger, file: file, line: line)
    }

    /// `copyFrom`, refused at once on a connection that has closed, for the same reason as `run`.
    public func runCopy(
        table: String, columns: [String], logger: Logger, writeData: (PostgresCopyFromWriter) async throws -> Void
    ) async throws {
        guard !isClosed else { throw DatabaseUnavailable(reason: "the connection to PostgreSQL was closed") }
        try await copyFrom(table: table, columns: columns, logger: logger, writeData: writeData)
    }

    /// Runs `body` between `BEGIN` and `COMMIT`, rolling back when it throws.
    ///
    /// PostgresNIO's own `withTransaction` sends `ROLLBACK` even on a connection the server has
    /// closed, and a query written to a closed connection is never answered: the request hung
    /// for good. When the connection is gone the server has ended the transaction already.
    public func inTransaction<Result: Sendable>(logger: Logger, _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await run("BEGIN", logger: logger)
        let result: Result
        do {
            result = try await body(self)
        } catch {
            await rollbackUnlessClosed(logger: logger)
            throw error
        }
        try await run("COMMIT", logger: logger)
        return result
    }

    /// `ROLLBACK`, waited for until it is answered or the connection closes, whichever is first.
    private func rollbackUnlessClosed(logger: Logger) async {
        guard !isClosed else { return }
        let rollback = Task { [self] in _ = try? await self.query("ROLLBACK", logger: logger) }
        let resumed = Mutex(false)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeOnce: @Sendable () -> Void = {
                if resumed.withLock({ done in defer { done = true }; return !done }) { continuation.resume() }
            }
            closeFuture.whenComplete { _ in resumeOnce() }
            Task {
                await rollback.value
                resumeOnce()
            }
        }
    }
}

private final class PoolUsage: Sendable {
    private let leased = Atomic<Int>(0)
    private let inUse: Gauge

    init(maximumConnections: Int, pool: String) {
        inUse = Gauge(label: "seguia_db_connections_in_use", dimensions: [("pool", pool)])
        Gauge(label: "seguia_db_connections_max", dimensions: [("pool", pool)]).record(maximumConnections)
    }

    func lease() {
        let now = leased.add(1, ordering: .relaxed).newValue
        inUse.record(now)
    }

    func release() {
        let now = leased.subtract(1, ordering: .relaxed).newValue
        inUse.record(now)
    }
}

extension Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
