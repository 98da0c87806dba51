import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaTestSupport
import Testing

@Suite struct TerritoryEndpointTests {
    @Test func listsTheCooperationTerritoriesWithTheirParents() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/api/v1/territories", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let byCode = Dictionary(uniqueKeysWithValues: try items(response).map { ($0["code"] as? String ?? "", $0) })
                let expectedParents = ["FR-OCC": "FR", "MA-02": "MA", "MA-03": "MA", "MA-06": "MA", "PS-TBS": "PS", "FR-11": "FR-OCC"]
                for (code, parent) in expectedParents {
                    #expect(byCode[code]?["parent"] as? String == parent, "parent of \(code)")
                }
                #expect(byCode["FR"]?["parent"] is NSNull)
                let names = try #require(byCode["PS-TBS"]?["names"] as? [String: String])
                #expect(names["fr"] == "Gouvernorat de Tubas")
                #expect(names["ar"] == "محافظة طوباس")
                #expect(byCode["PS-TBS"]?["kind"] as? String == "governorate")
                #expect(try json(response)["total"] as? Int == byCode.count)
            }
        }
    }

    @Test func filtersByKindAndWithin() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/api/v1/territories?within=PS", method: .get) { response in
                let codes = try items(response).compactMap { $0["code"] as? String }
                #expect(codes == ["PS", "PS-GAZA", "PS-TBS", "PS-WESTBANK"])
            }
            try await client.execute(uri: "/api/v1/territories?kind=region&within=ma", method: .get) { response in
                let codes = try items(response).compactMap { $0["code"] as? String }
                #expect(codes == ["MA-02", "MA-03", "MA-06", "MA-09"])
            }
        }
    }

    @Test func badFiltersAnswer422ListingEachField() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/api/v1/territories?kind=planet&valid_on=yesterday&within=no%20such", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try json(response)
                #expect(problem["status"] as? Int == 422)
                let fields = (problem["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
                #expect(Set(fields) == ["kind", "valid_on", "within"])
            }
        }
    }

    @Test func detailHasTheParentChainAndChildren() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/api/v1/territories/ma-tar-arghen", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["code"] as? String == "MA-TAR-ARGHEN")
                #expect(body["kind"] as? String == "intercommunality")
                let ancestors = (body["ancestors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                #expect(ancestors == ["MA-TAR", "MA-09", "MA"])
            }
            try await client.execute(uri: "/api/v1/territories/FR-OCC", method: .get) { response in
                let children = (try json(response)["children"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                #expect(children == ["FR-11", "FR-31", "FR-34"])
            }
        }
    }

    @Test func unknownTerritoryIsA404ProblemWithTheRequestID() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/api/v1/territories/XX-NOPE", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try json(response)
                #expect(problem["title"] as? String == "Not Found")
                #expect(problem["status"] as? Int == 404)
                #expect(problem["instance"] as? String == "/api/v1/territories/XX-NOPE")
                let requestID = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
                #expect(problem["request_id"] as? String == requestID)
            }
        }
    }
}
