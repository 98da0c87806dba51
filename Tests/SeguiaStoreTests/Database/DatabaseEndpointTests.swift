import SeguiaStore
import Testing

@Suite struct DatabaseEndpointTests {
    @Test func parsesAFullURL() throws {
        let endpoint = try DatabaseEndpoint.parse(url: "postgres://seguia:p%40ss@db.example:6543/water?sslmode=require").get()
        #expect(endpoint.host == "db.example")
        #expect(endpoint.port == 6543)
        #expect(endpoint.username == "seguia")
        #expect(endpoint.password == "p@ss")
        #expect(endpoint.database == "water")
        #expect(endpoint.tls == .require)
        #expect(!endpoint.redactedDescription.contains("p@ss"))
    }

    @Test func defaultsThePortAndPrefersTLS() throws {
        let endpoint = try DatabaseEndpoint.parse(url: "postgresql://u@localhost/db").get()
        #expect(endpoint.port == 5432)
        #expect(endpoint.tls == .prefer)
        #expect(endpoint.password == nil)
    }

    @Test func listsEveryProblemAtOnce() {
        guard case .failure(let error) = DatabaseEndpoint.parse(url: "mysql://host?sslmode=maybe") else {
            Issue.record("a mysql URL was accepted")
            return
        }
        #expect(error.reasons.count == 4)  // scheme, user, database, sslmode
    }
}
