import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Prometheus
import SeguiaStore

/// `/health`, `/metrics` and `/openapi.json`: what operators and client generators need.
struct SystemController<Context: RequestContext> {
    let database: Database
    let registry: PrometheusCollectorRegistry
    let openAPIDocument: ByteBuffer

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("health", use: health)
            .get("metrics", use: metrics)
            .get("openapi.json", use: openAPI)
    }

    struct Health: ResponseEncodable {
        var status: String
        var database: String
    }

    @Sendable func health(_ request: Request, context: Context) async throws -> EditedResponse<Health> {
        let reachable = await databaseAnswers(within: .seconds(2), logger: context.logger)
        return EditedResponse(
            status: reachable ? .ok : .serviceUnavailable,
            headers: [.cacheControl: "no-store"],
            response: Health(status: reachable ? "ok" : "unavailable", database: reachable ? "ok" : "unreachable"))
    }

    @Sendable func metrics(_ request: Request, context: Context) async throws -> Response {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
    }

    @Sendable func openAPI(_ request: Request, context: Context) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: openAPIDocument))
    }

    private func databaseAnswers(within timeout: Duration, logger: Logger) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    return try await database.withConnection("health") { connection in
                        try await connection.run("SELECT 1", logger: logger)
                        return true
                    }
                } catch {
                    logger.warning("health check: database unreachable", metadata: ["error": "\(String(reflecting: error))"])
                    return false
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
