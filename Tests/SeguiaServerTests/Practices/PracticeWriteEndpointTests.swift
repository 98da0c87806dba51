import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct PracticeWriteEndpointTests {
    struct Tokens {
        var reader: String
        var editor: String
        var ownerEditor: String
        var admin: String
    }

    /// A fresh database with one token per role, and the app on it.
    private func withTokens(_ body: @Sendable @escaping (any TestClientProtocol, Tokens) async throws -> Void) async throws {
        try await withTestDatabase { endpoint in
            let tokens = try await withPostgresClient(endpoint, logger: testLogger) { client in
                let repository = TokenRepository(database: Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout))
                return Tokens(
                    reader: try await repository.create(name: "reader", role: .reader, organisation: nil, logger: testLogger),
                    editor: try await repository.create(name: "ngo", role: .publisher, organisation: "EXPERTS-SOLIDAIRES", logger: testLogger),
                    ownerEditor: try await repository.create(name: "rrma", role: .publisher, organisation: "OCCITANIE-COOPERATION", logger: testLogger),
                    admin: try await repository.create(name: "admin", role: .admin, organisation: nil, logger: testLogger))
            }
            try await withTestApp(endpoint: endpoint) { client in try await body(client, tokens) }
        }
    }

    private func headers(_ token: String?, ifMatch: String? = nil) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let token { fields[.authorization] = "Bearer \(token)" }
        if let ifMatch { fields[.ifMatch] = ifMatch }
        return fields
    }

    private let newPractice = """
        {"title": "Comité de l'eau de Tubas", "summary": "Un comité local gère le service.", "organisation": "OCCITANIE-COOPERATION",
         "organisations": [{"code": "EXPERTS-SOLIDAIRES", "role": "rédaction"}],
         "territories": [{"code": "PS-TBS", "role": "lead"}], "themes": ["governance"], "period": {"start": "2021", "end": "2023-06"},
         "sections": [{"key": "results", "text": "Le comité se réunit chaque mois.", "items": ["Tarif voté"]}]}
        """

    /// A title holding HTML comes back in the snippet escaped, with only the search's own marks as tags.
    @Test func snippetsEscapeWhatAuthorsWrote() async throws {
        try await withTokens { client, tokens in
            let practice = #"{"title": "Pompage snipxss <img src=x onerror=alert(1)> solaire", "status": "published", "summary": "Un \"essai\" & une <b>pompe</b>."}"#
            try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers(tokens.admin), body: ByteBuffer(string: practice)) {
                #expect($0.status == .created)
            }
            try await client.execute(uri: "/api/v1/practices?q=snipxss", method: .get) { response in
                let snippet = try #require(try items(response).first?["snippet"] as? String)
                #expect(snippet.contains("Pompage <mark>snipxss</mark> &lt;img src=x onerror=alert(1)&gt; solaire"))
                #expect(snippet.contains("&quot;essai&quot; &amp;"))
                #expect(!snippet.contains("<img") && !snippet.contains("<b>"))
            }
        }
    }

    @Test func onlyEditorsCreateAndEachCreationIsRevisionOne() async throws {
        try await withTokens { client, tokens in
            try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers(nil), body: ByteBuffer(string: newPractice)) {
                #expect($0.status == .unauthorized)
                #expect($0.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers(tokens.reader), body: ByteBuffer(string: newPractice)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers("sgu_not-a-token"), body: ByteBuffer(string: newPractice)) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers(tokens.editor), body: ByteBuffer(string: newPractice)) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location]?.hasPrefix("/api/v1/practices/") == true)
                let body = try json(response)
                #expect(body["slug"] as? String == "comite-de-l-eau-de-tubas")
                #expect(body["status"] as? String == "draft")
                #expect(body["revision"] as? Int == 1)
                let period = body["period"] as? [String: Any]
                #expect(period?["start"] as? String == "2021" && period?["end"] as? String == "2023" && period?["precision"] as? String == "year")
            }
            // A draft is not public.
            try await client.execute(uri: "/api/v1/practices/comite-de-l-eau-de-tubas", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/practices/comite-de-l-eau-de-tubas", method: .get, headers: headers(tokens.reader)) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test func badInputIs422NamingEachFieldAndWritesNothing() async throws {
        try await withTokens { client, tokens in
            let bad = """
                {"title": " ", "territories": [{"code": "XX", "role": "lead"}], "themes": ["astrology"], "organisation": "NOBODY",
                 "period": {"start": "2024", "end": "2020"}}
                """
            try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers(tokens.editor), body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent)
                let fields = Set((try json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
                #expect(fields == ["title", "territories", "themes", "organisation", "period.end"])
            }
            try await client.execute(
                uri: "/api/v1/practices", method: .post, headers: headers(tokens.editor), body: ByteBuffer(string: #"{"title": "x", "colour": "red"}"#)
            ) { response in
                let fields = (try json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
                #expect(fields == ["colour"])
            }
            try await client.execute(
                uri: "/api/v1/practices", method: .post, headers: headers(tokens.editor), body: ByteBuffer(string: #"{"title": ["x"]}"#)
            ) { response in
                let fields = (try json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
                #expect(fields == ["title"])
            }
            try await client.execute(uri: "/api/v1/practices?status=draft", method: .get, headers: headers(tokens.admin)) { response in
                let answer = try json(response)
                #expect(answer["total"] as? Int == 0)
            }
        }
    }

    @Test func changesNeedTheCurrentETagAndEveryChangeIsARevision() async throws {
        try await withTokens { client, tokens in
            var location = ""
            var etag = ""
            try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers(tokens.editor), body: ByteBuffer(string: newPractice)) {
                location = $0.headers[.location] ?? ""
                etag = $0.headers[.eTag] ?? ""
            }
            let patch = ByteBuffer(string: #"{"summary": "Un comité local, élu, gère le service.", "sections": [{"key": "limits", "items": ["Peu de femmes"]}]}"#)
            try await client.execute(uri: location, method: .patch, headers: headers(tokens.editor), body: patch) {
                #expect($0.status == .preconditionRequired)
            }
            var newTag = ""
            try await client.execute(uri: location, method: .patch, headers: headers(tokens.editor, ifMatch: etag), body: patch) { response in
                #expect(response.status == .ok)
                newTag = response.headers[.eTag] ?? ""
                let body = try json(response)
                #expect((body["sections"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["results", "limits"])
            }
            #expect(newTag != etag)
            // The first ETag is stale now: refused, nothing overwritten.
            try await client.execute(
                uri: location, method: .put, headers: headers(tokens.editor, ifMatch: etag), body: ByteBuffer(string: #"{"title": "Écrasé"}"#)
            ) { #expect($0.status == .preconditionFailed) }
            try await client.execute(uri: location, method: .get, headers: headers(tokens.editor)) { response in
                let answer = try json(response)
                #expect(answer["title"] as? String == "Comité de l'eau de Tubas")
            }
            // Publishing: not for an editor of another organisation; yes for the owner's.
            try await client.execute(uri: location, method: .patch, headers: headers(tokens.editor, ifMatch: newTag), body: ByteBuffer(string: #"{"status": "in_review", "message": "Prête à relire"}"#)) {
                #expect($0.status == .ok)
                newTag = $0.headers[.eTag] ?? ""
            }
            try await client.execute(uri: location, method: .patch, headers: headers(tokens.editor, ifMatch: newTag), body: ByteBuffer(string: #"{"status": "published"}"#)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: location, method: .patch, headers: headers(tokens.ownerEditor, ifMatch: newTag), body: ByteBuffer(string: #"{"status": "published"}"#)) {
                #expect($0.status == .ok)
                newTag = $0.headers[.eTag] ?? ""
            }
            // Neither handing the sheet to one's own organisation nor archiving it is for another organisation's editor.
            try await client.execute(
                uri: location, method: .patch, headers: headers(tokens.editor, ifMatch: newTag),
                body: ByteBuffer(string: #"{"organisation": "EXPERTS-SOLIDAIRES"}"#)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(uri: location, method: .delete, headers: headers(tokens.editor, ifMatch: newTag)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: location, method: .delete, headers: headers(tokens.ownerEditor, ifMatch: newTag)) { response in
                #expect(response.status == .ok)
                let answer = try json(response)
                #expect(answer["status"] as? String == "archived")
            }
            try await client.execute(uri: location + "/revisions", method: .get, headers: headers(tokens.editor)) { response in
                let revisions = (try json(response)["items"] as? [[String: Any]]) ?? []
                #expect(revisions.compactMap { $0["revision"] as? Int } == [1, 2, 3, 4, 5])
                #expect(revisions.compactMap { $0["author"] as? String } == ["ngo", "ngo", "ngo", "rrma", "rrma"])
                #expect(revisions[1]["changed_sections"] as? [String] == ["limits"])
                #expect(Set(revisions[1]["changed_fields"] as? [String] ?? []) == ["summary", "sections"])
            }
            try await client.execute(uri: location + "/revisions/1", method: .get, headers: headers(tokens.editor)) { response in
                let answer = try json(response)
                #expect(answer["summary"] as? String == "Un comité local gère le service.")
            }
            // The words that changed, not the whole sheet before and after.
            try await client.execute(uri: location + "/revisions/2/diff", method: .get, headers: headers(tokens.editor)) { response in
                let changes = try #require(try json(response)["changes"] as? [[String: Any]])
                #expect(changes.compactMap { $0["field"] as? String } == ["summary", "sections.limits.fr"])
                let segments = (changes.first?["segments"] as? [[String: String]]) ?? []
                #expect(segments.map { [$0["kind"] ?? "", $0["text"] ?? ""] }
                    == [["same", "Un comité local"], ["added", ", élu,"], ["same", " gère le service."]])
            }
            try await client.execute(uri: location + "/revisions/9/diff", method: .get, headers: headers(tokens.editor)) { response in
                #expect(response.status == .notFound)
                let detail = try json(response)["detail"] as? String
                #expect(detail == "No revision of this practice has the identifier '9'.")
            }
        }
    }

    @Test func anEditorSavesAnImportedDocumentAsADraft() async throws {
        try await withTokens { client, tokens in
            var headers: HTTPFields = [.contentType: "text/markdown", .authorization: "Bearer \(tokens.editor)"]
            try await client.execute(
                uri: "/api/v1/practices/import?save=true", method: .post, headers: headers,
                body: ByteBuffer(string: "# Réutilisation à Fès\n\nPratique déployée par Experts-Solidaires\n\n## Résultats\n\n- Un bassin\n")
            ) { response in
                #expect(response.status == .created)
                let body = try json(response)
                #expect(body["id"] as? Int != nil)
            }
            headers[.authorization] = "Bearer \(tokens.reader)"
            try await client.execute(
                uri: "/api/v1/practices/import?save=true", method: .post, headers: headers, body: ByteBuffer(string: "# Titre\n")
            ) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/practices/reutilisation-a-fes", method: .get, headers: headers) { response in
                let body = try json(response)
                #expect(body["status"] as? String == "draft")
                #expect((body["organisation"] as? [String: Any])?["code"] as? String == "EXPERTS-SOLIDAIRES")
                #expect((body["organisations"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["EXPERTS-SOLIDAIRES"])
            }
            // Brought in by another organisation than the one it names as its owner: the importer is named on it, and may write it.
            headers[.authorization] = "Bearer \(tokens.ownerEditor)"
            try await client.execute(
                uri: "/api/v1/practices/import?save=true", method: .post, headers: headers,
                body: ByteBuffer(string: "# Réutilisation à Fès\n\nPratique déployée par Experts-Solidaires\n\n## Résultats\n\n- Un bassin\n")
            ) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/practices/reutilisation-a-fes-2", method: .get, headers: headers) { response in
                let body = try json(response)
                #expect((body["organisations"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["EXPERTS-SOLIDAIRES", "OCCITANIE-COOPERATION"])
            }
        }
    }
}
