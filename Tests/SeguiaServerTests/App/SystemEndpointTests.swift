import Foundation
import Hummingbird
import HummingbirdTesting
import SeguiaServer
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct SystemEndpointTests {
    @Test func healthReportsTheDatabase() async throws {
        try await withTestApp { client in
            // The health check gives the database 2 s; the pool's first connection, made while the
            // whole suite runs on two cores, may take longer: a first request opens it.
            try await client.execute(uri: "/api/v1/themes", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["status"] as? String == "ok")
                #expect(body["database"] as? String == "ok")
            }
        }
    }

    @Test func healthIs503WhenTheDatabaseIsUnreachable() async throws {
        // Nothing listens on port 1 of the loopback.
        let nowhere = DatabaseEndpoint(host: "127.0.0.1", port: 1, username: "nobody", password: nil, database: "none")
        try await withTestApp(endpoint: nowhere) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try json(response)
                #expect(body["database"] as? String == "unreachable")
            }
        }
    }

    @Test func unknownRouteIsAProblem404() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/api/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func metricsCountRequestsPerRouteAndPoolUsage() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/api/v1/territories/FR", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("/api/v1/territories/{code}"))
                #expect(text.contains("seguia_db_connections_in_use"))
                #expect(text.contains("seguia_db_operation_duration_seconds"))
            }
        }
    }

    @Test func openAPIDescribesExactlyTheRoutesOfTheRouter() async throws {
        try await withTestClient { postgres in
            let router = try buildRouter(database: Database(client: postgres, maximumConnections: 1, leaseTimeout: testLeaseTimeout), registry: testMetricsRegistry)
            let routed = Set(router.routes.filter { !WebRoutes.isPage($0.path.description) }.map { "\($0.method.rawValue.lowercased()) \($0.path)" })

            let document = try JSONSerialization.jsonObject(with: Data(buffer: try OpenAPIDocument.load())) as? [String: Any]
            #expect((document?["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(document?["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
            #expect(documented == routed)
        }
    }
}
