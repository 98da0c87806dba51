import ArgumentParser
import Foundation
import Logging
import Metrics
import PostgresNIO
import Prometheus
import SeguiaServer
import SeguiaStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the HTTP server (with its own PostgreSQL unless DATABASE_URL is set).")

    @OptionGroup var common: CommonOptions

    @Option(help: "Address to listen on (env SEGUIA_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (env SEGUIA_PORT, default 8080).")
    var port: String?

    @Flag(help: "Apply pending migrations to the DATABASE_URL database before serving.")
    var migrate = false

    func run() async throws {
        let config = try common.resolve(host: host, port: port, migrate: migrate)
        let logger = Logger(label: "seguia")
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        try await runReportingErrors {
            let database = try await DatabaseProvisioner.provision(
                config: config, searchPath: ProcessInfo.processInfo.environment["PATH"], logger: logger)
            do {
                try await DatabaseProvisioner.prepareSchema(database, config: config, logger: logger)
                let maximumConnections = 20
                let client = PostgresClient(
                    configuration: database.endpoint.clientConfiguration(maximumConnections: maximumConnections),
                    backgroundLogger: logger)
                let replicas = config.readDatabases.isEmpty
                    ? nil
                    : ReadReplicas.connecting(
                        to: config.readDatabases, maximumConnections: maximumConnections, maximumLag: config.readMaximumLag, logger: logger)
                let app = try buildApplication(
                    config: config, database: Database(client: client, maximumConnections: maximumConnections, replicas: replicas),
                    registry: registry, logger: logger)
                // Returns after SIGINT or SIGTERM, once requests have drained and the pool has closed.
                try await app.runService()
            } catch {
                try? await database.release()
                throw error
            }
            try await database.release()
        }
    }
}
