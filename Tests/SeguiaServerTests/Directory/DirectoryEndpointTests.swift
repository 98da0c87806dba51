import Foundation
import Hummingbird
import HummingbirdTesting
import SeguiaTestSupport
import Testing

@Suite struct DirectoryEndpointTests {
    @Test func organisationsWithKindAndHomeTerritory() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/api/v1/organisations", method: .get) { response in
                #expect(response.status == .ok)
                let byCode = Dictionary(uniqueKeysWithValues: try items(response).map { ($0["code"] as? String ?? "", $0) })
                #expect(byCode["OCCITANIE-COOPERATION"]?["kind"] as? String == "network")
                #expect(byCode["EXPERTS-SOLIDAIRES"]?["kind"] as? String == "ngo")
                #expect(byCode["DEPARTEMENT-AUDE"]?["home_territory"] as? String == "FR-11")
                #expect(byCode["PS-EAU"]?["acronym"] as? String == "pS-Eau")
                for code in ["REGION-OCCITANIE", "MONTPELLIER-METROPOLE", "COLOMIERS", "CARI", "AFD", "MEAE", "CITES-UNIES-FRANCE"] {
                    #expect(byCode[code] != nil, "\(code) is seeded")
                }
            }
            try await client.execute(uri: "/api/v1/organisations?territory=MA", method: .get) { response in
                let codes = try items(response).compactMap { $0["code"] as? String }
                #expect(codes == ["ARGHEN-INTERCOMMUNALITE", "REGION-CASABLANCA-SETTAT", "REGION-FES-MEKNES", "REGION-ORIENTAL"])
            }
            try await client.execute(uri: "/api/v1/organisations?kind=bank", method: .get) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/organisations?territory=ZZ", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                let fields = (try json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
                #expect(fields == ["territory"])
            }
        }
    }

    @Test func agreementsWithPartiesAndPeriods() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/api/v1/agreements?party=ps-tbs", method: .get) { response in
                #expect(response.status == .ok)
                let agreements = try items(response)
                #expect(agreements.compactMap { $0["code"] as? String } == ["OCCITANIE-TUBAS-CADRE", "OCCITANIE-TUBAS-2019-2022"])
                let period = try #require(agreements[1]["period"] as? [String: Any])
                #expect(period["start"] as? String == "2019")
                #expect(period["end"] as? String == "2022")
                #expect(period["precision"] as? String == "year")
                let parties = (agreements[1]["parties"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                #expect(parties == ["REGION-OCCITANIE", "PS-TBS"])
                #expect(agreements[0]["source"] as? String != nil)
            }
            try await client.execute(uri: "/api/v1/agreements?party=MONTPELLIER-METROPOLE", method: .get) { response in
                let agreement = try #require(try items(response).first)
                let parties = (agreement["parties"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                #expect(parties.contains("ARGHEN-INTERCOMMUNALITE"))
            }
            try await client.execute(uri: "/api/v1/agreements?active_on=2024-13-01", method: .get) { response in
                #expect(response.status == .unprocessableContent)
            }
        }
    }
}
