import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import PostgresNIO
import Prometheus
import SeguiaServer
import SeguiaStore

/// The metrics registry of the test process, installed as the metrics backend on first use.
public let testMetricsRegistry: PrometheusCollectorRegistry = {
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    return registry
}()

/// Runs `body` with a test client of the real application, on a fresh template-cloned database.
public func withTestApp(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await withTestDatabase { endpoint in
        try await withTestApp(endpoint: endpoint, body)
    }
}

/// Runs `body` with a test client of the real application on the given database.
public func withTestApp(endpoint: DatabaseEndpoint, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    let registry = testMetricsRegistry
    let client = PostgresClient(configuration: endpoint.clientConfiguration(maximumConnections: 4), backgroundLogger: testLogger)
    let database = Database(client: client, maximumConnections: 4, leaseTimeout: testLeaseTimeout)
    let config = AppConfig(port: 0, dataDirectory: FileManager.default.temporaryDirectory)
    let app = try buildApplication(config: config, database: database, registry: registry, logger: testLogger)
    try await app.test(.router) { client in
        try await body(ConformingTestClient(base: client))
    }
}
