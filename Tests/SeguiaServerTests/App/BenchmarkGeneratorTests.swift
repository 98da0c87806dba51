import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SeguiaEmbeddedPostgres
import SeguiaStore
import SeguiaTestSupport
import Testing

/// The benchmark generator at a tiny scale: its territories, practices and values go through
/// Seguia's own loaders, so the benchmarks keep working as the formats change.
@Suite struct BenchmarkGeneratorTests {
    private static let bench = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("bench")

    private func generate(_ arguments: [String]) async throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let pid = try ProcessRunner.start("/usr/bin/env", ["python3", Self.bench.appendingPathComponent("generate.py").path] + arguments, logPath: output)
        let status = await ProcessRunner.waitForExit(pid)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(status == 0, "generate.py \(arguments): \(text.suffix(500))")
        return text
    }

    @Test func generatedTerritoriesPracticesAndValuesLoad() async throws {
        try await withTestDatabase { endpoint in
            let territories = try await generate(["territories", "--per-parent", "2"])
            let token = try await withPostgresClient(endpoint, logger: testLogger) { client in
                for statement in territories.split(separator: "\n") where statement.hasPrefix("INSERT") {
                    try await client.query(PostgresQuery(unsafeSQL: String(statement)), logger: testLogger)
                }
                return try await TokenRepository(database: Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout))
                    .create(name: "bench", role: .admin, organisation: nil, logger: testLogger)
            }
            let practices = try await generate(["practices", "--count", "5", "--per-parent", "2"])
            try await withTestApp(endpoint: endpoint) { client in
                let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
                for body in practices.split(separator: "\n") {
                    try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers, body: ByteBuffer(string: String(body))) {
                        #expect($0.status == .created, "\(String(buffer: $0.body).prefix(300))")
                    }
                }
                let found = try await client.execute(uri: "/api/v1/practices?territory=MA&limit=100", method: .get) { try json($0)["total"] as? Int }
                #expect((found ?? 0) >= 1)

                let indicators = try await client.execute(uri: "/api/v1/indicators", method: .get) { Data(buffer: $0.body) }
                let territoryList = try await client.execute(uri: "/api/v1/territories", method: .get) { Data(buffer: $0.body) }
                let catalog = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString).json")
                defer { try? FileManager.default.removeItem(at: catalog) }
                let object: [String: Any] = [
                    "indicators": (try JSONSerialization.jsonObject(with: indicators) as? [String: Any])?["items"] ?? [],
                    "territories": (try JSONSerialization.jsonObject(with: territoryList) as? [String: Any])?["items"] ?? [],
                ]
                try JSONSerialization.data(withJSONObject: object).write(to: catalog)
                let values = try await generate(["values", "--catalog", catalog.path, "--rows", "500"])
                try await client.execute(
                    uri: "/api/v1/values/import", method: .post, headers: [.contentType: "text/csv", .authorization: "Bearer \(token)"],
                    body: ByteBuffer(string: values)
                ) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body).prefix(500))")
                    let outcome = try json(response)
                    #expect(outcome["inserted"] as? Int == 500)
                }
            }
        }
    }
}
