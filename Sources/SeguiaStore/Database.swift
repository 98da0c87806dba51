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
public struct Database: Sendable {
    public let client: PostgresClient
    public let maximumConnections: Int
    private let usage: PoolUsage

    public init(client: PostgresClient, maximumConnections: Int) {
        self.client = client
        self.maximumConnections = maximumConnections
        self.usage = PoolUsage(maximumConnections: maximumConnections)
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
            return try await client.withConnection(body)
        } catch let error as AppError {
            // A domain outcome such as "not found" is an answer, not a database failure.
            throw error
        } catch {
            Counter(label: "seguia_db_operation_errors_total", dimensions: [("operation", operation)]).increment()
            throw error
        }
    }
}

private final class PoolUsage: Sendable {
    private let leased = Atomic<Int>(0)
    private let inUse = Gauge(label: "seguia_db_connections_in_use")

    init(maximumConnections: Int) {
        Gauge(label: "seguia_db_connections_max").record(maximumConnections)
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
