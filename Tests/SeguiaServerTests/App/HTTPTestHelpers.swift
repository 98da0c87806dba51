import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

/// An app on a fresh database, with a token of `role` made for it.
func withTokenApp(
    role: Role = .publisher, _ body: @Sendable @escaping (any TestClientProtocol, String) async throws -> Void
) async throws {
    try await withTestDatabase { endpoint in
        let token = try await withPostgresClient(endpoint, logger: testLogger) { client in
            try await TokenRepository(database: Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout))
                .create(name: role.rawValue, role: role, organisation: nil, logger: testLogger)
        }
        try await withTestApp(endpoint: endpoint) { client in try await body(client, token) }
    }
}

/// Decodes a JSON answer into loosely typed values, to check the wire format itself.
func json(_ response: TestResponse) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
    return try #require(object as? [String: Any])
}

func items(_ response: TestResponse) throws -> [[String: Any]] {
    try #require(try json(response)["items"] as? [[String: Any]])
}

extension Data {
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}
