import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaTestSupport
import Testing

@Suite struct PracticeEndpointTests {
    private var modelSheet: String {
        get throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("SeguiaCoreTests/Fixtures/fiche-cle-en-mediterranee.txt")
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    /// HTML forms and `curl --data-urlencode` write a space as `+`.
    @Test func aPlusInTheQueryIsASpace() async throws {
        try await withTestApp { client in
            for query in ["q=eau+Maroc", "q=eau%20Maroc", "q=eau+Maroc&q=ignored"] {
                try await client.execute(uri: "/api/v1/practices?" + query, method: .get) { response in
                    #expect(response.status == .ok)
                    let total = try json(response)["total"] as? Int
                    #expect(total == 1, "\(query)")
                }
            }
        }
    }

    @Test func searchAnswersWithItemsFacetsAndSnippets() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/api/v1/practices?q=eaux%20usees%20traitees", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                let first = try #require((body["items"] as? [[String: Any]])?.first)
                #expect(first["slug"] as? String == "cle-en-mediterranee")
                #expect((first["snippet"] as? String)?.contains("<mark>traitées</mark>") == true)
                #expect(body["total"] as? Int == 1)
                #expect(body["next"] is NSNull)
                let facets = try #require(body["facets"] as? [String: [[String: Any]]])
                #expect(Set(facets.keys) == ["territory", "theme", "organisation", "year", "language"])
            }
            try await client.execute(uri: "/api/v1/practices?territory=PS", method: .get) { response in
                let slugs = try items(response).compactMap { $0["slug"] as? String }
                #expect(slugs == ["cle-en-mediterranee"])
            }
            try await client.execute(uri: "/api/v1/practices?lang=xx&limit=500", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                let fields = (try json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
                #expect(Set(fields) == ["lang", "limit"])
            }
        }
    }

    @Test func themesWithTheirSDG651Components() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/api/v1/themes", method: .get) { response in
                let themes = try items(response)
                #expect(themes.prefix(3).compactMap { $0["key"] as? String } == ["governance", "water_service", "wastewater_reuse"])
                #expect(themes.prefix(3).allSatisfy { $0["mission_theme"] as? Bool == true })
                #expect(themes.count == 7)
                let financing = themes.first { $0["key"] as? String == "financing" }
                #expect(financing?["sdg_6_5_1_components"] as? [String] == ["financing"])
            }
        }
    }

    @Test func aPracticeBySlugOrIdWithItsSectionsAndETag() async throws {
        try await withTestApp { client in
            var id = 0
            try await client.execute(uri: "/api/v1/practices/cle-en-mediterranee", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag]?.hasPrefix("\"") == true)
                let body = try json(response)
                id = body["id"] as? Int ?? 0
                let sections = try #require(body["sections"] as? [[String: Any]])
                #expect(Set(sections.compactMap { $0["key"] as? String }).count >= 10)
                let territories = (body["territories"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                #expect(Set(territories) == ["FR-OCC", "FR-11", "FR-34-MMM", "FR-31-COLOMIERS", "MA-02", "MA-03", "MA-06", "MA-TAR-ARGHEN", "PS-TBS"])
                #expect((body["source"] as? String)?.contains("Occitanie coopération") == true)
            }
            try await client.execute(uri: "/api/v1/practices/\(id)", method: .get) { response in
                let body = try json(response)
                #expect(body["slug"] as? String == "cle-en-mediterranee")
            }
            try await client.execute(uri: "/api/v1/practices/no-such-practice", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func importingTheModelSheetGivesSectionsAndProposals() async throws {
        let sheet = try modelSheet
        try await withTestApp { client in
            try await client.execute(
                uri: "/api/v1/practices/import", method: .post, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ByteBuffer(string: sheet)
            ) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                let keys = (body["sections"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
                #expect(Set(keys).subtracting(["other"]).count >= 10)
                #expect(body["language"] as? String == "fr")
                let deployedBy = try #require(body["deployed_by"] as? [String: Any])
                #expect(deployedBy["organisation"] as? String == "OCCITANIE-COOPERATION")
                let proposed = try #require(body["proposed"] as? [String: [[String: Any]]])
                let territories = Set(proposed["territories", default: []].compactMap { $0["code"] as? String })
                #expect(territories.isSuperset(of: ["FR-OCC", "MA-02", "MA-03", "MA-06", "PS-TBS", "MA-TAR-ARGHEN", "FR-34-MMM"]))
                let themes = Set(proposed["themes", default: []].compactMap { $0["code"] as? String })
                #expect(themes.isSuperset(of: ["governance", "water_service", "wastewater_reuse"]))
            }
        }
    }

    @Test func importRefusesWhatItCannotRead() async throws {
        try await withTestApp { client in
            try await client.execute(
                uri: "/api/v1/practices/import", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}")
            ) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            try await client.execute(
                uri: "/api/v1/practices/import", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(bytes: [0x66, 0xC3, 0x28])
            ) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(
                uri: "/api/v1/practices/import", method: .post, headers: [.contentType: "text/plain"],
                body: ByteBuffer(string: String(repeating: "eau ", count: 5_500_000))
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(
                uri: "/api/v1/practices/import?save=true", method: .post, headers: [.contentType: "text/markdown"],
                body: ByteBuffer(string: "# Titre\n\n## Résultats\n\nUn résultat.")
            ) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
