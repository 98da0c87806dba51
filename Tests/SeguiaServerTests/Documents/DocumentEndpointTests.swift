import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

/// Documents through the API: uploaded, downloaded byte for byte, stored once when sent twice,
/// found by their words, read only by whom their confidentiality allows, changed and removed
/// with their ETag.
@Suite struct DocumentEndpointTests {
    struct Tokens {
        var contributor: String
        var otherContributor: String
        var reader: String
    }

    private func upload(
        _ app: any TestClientProtocol, token: String?, file: [UInt8], name: String, fields: [(String, String)] = []
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=seguia-document-boundary"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        let parts = fields.map { MultipartPart($0.0, $0.1) } + [MultipartPart("file", filename: name, type: "application/octet-stream", bytes: file)]
        return try await app.execute(uri: "/api/v1/documents", method: .post, headers: headers, body: multipartBody(parts, boundary: "seguia-document-boundary"))
    }

    private func count(_ database: Database, _ table: String) async throws -> Int {
        try await database.withConnection("test") { connection in
            try await connection.run(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"), logger: testLogger).decode(Int.self).reduce(0) { $1 }
        }
    }

    @Test func aReportIsUploadedDownloadedStoredOnceAndFoundByItsWords() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
                let tokenRepository = TokenRepository(database: database)
                let tokens = Tokens(
                    contributor: try await tokenRepository.create(name: "rrma", role: .contributor, organisation: "OCCITANIE-COOPERATION", logger: testLogger),
                    otherContributor: try await tokenRepository.create(name: "cari", role: .contributor, organisation: "CARI", logger: testLogger),
                    reader: try await tokenRepository.create(name: "reader", role: .reader, organisation: "CARI", logger: testLogger))
                try await withTestApp(endpoint: endpoint) { app in
                    let word = Array(try ImportFixtures.data("fiche-tubas.docx"))
                    let fields = [
                        ("title", "Rapport de mission à Tubas"), ("kind", "mission_report"), ("language", "fr"), ("date", "2022-03-14"),
                        ("agreement", "OCCITANIE-TUBAS-2019-2022"), ("territory", "PS-TBS"), ("tags", "Missions, 2022"),
                    ]
                    #expect(try await upload(app, token: nil, file: word, name: "mission.docx", fields: fields).status == .unauthorized)
                    #expect(try await upload(app, token: tokens.reader, file: word, name: "mission.docx", fields: fields).status == .forbidden)
                    let added = try await upload(app, token: tokens.contributor, file: word, name: "Mission Tubas mars 2022.docx", fields: fields)
                    #expect(added.status == .created)
                    let body = try jsonObject(added)
                    #expect(body["file_stored_already"] as? Bool == false)
                    let document = try #require(body["document"] as? [String: Any])
                    let id = try #require(document["id"] as? Int)
                    #expect(document["confidentiality"] as? String == "partners")
                    #expect((document["organisation"] as? [String: Any])?["code"] as? String == "OCCITANIE-COOPERATION")
                    #expect(((document["links"] as? [String: Any])?["agreements"] as? [[String: Any]])?.first?["code"] as? String == "OCCITANIE-TUBAS-2019-2022")
                    #expect(document["tags"] as? [String] == ["Missions", "2022"])

                    // Byte for byte, as an attachment that no browser shows as a page.
                    let content = try await app.execute(uri: "/api/v1/documents/\(id)/content", method: .get, headers: apiHeaders(tokens.reader))
                    #expect(content.status == .ok)
                    #expect(Array(content.body.readableBytesView) == word)
                    #expect(content.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                    #expect(content.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"Mission Tubas mars 2022.docx\"") == true)
                    #expect(content.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                    #expect(content.headers[.contentSecurityPolicy] == "sandbox; default-src 'none'")

                    // The same file again: a second document, one stored file.
                    let again = try await upload(app, token: tokens.contributor, file: word, name: "copie.docx", fields: [("title", "Copie"), ("kind", "other")])
                    #expect(try jsonObject(again)["file_stored_already"] as? Bool == true)
                    #expect(try await count(database, "document_blobs") == 1)
                    #expect(try await count(database, "documents") == 2)

                    // Found by the words of the file, with the kinds counted; the public sees none of it.
                    let found = try jsonObject(try await app.execute(uri: "/api/v1/documents?q=agriculteurs&kind=mission_report", method: .get, headers: apiHeaders(tokens.reader)))
                    #expect(found["total"] as? Int == 1)
                    #expect((found["kinds"] as? [String: Int]) == ["mission_report": 1, "other": 1])
                    #expect(((found["items"] as? [[String: Any]])?.first?["snippet"] as? String)?.contains("<mark>agriculteurs</mark>") == true)
                    #expect(try jsonObject(try await app.execute(uri: "/api/v1/documents?agreement=OCCITANIE-TUBAS-2019-2022", method: .get, headers: apiHeaders(tokens.reader)))["total"] as? Int == 1)
                    #expect(try jsonObject(try await app.execute(uri: "/api/v1/documents?q=agriculteurs", method: .get))["total"] as? Int == 0)
                    #expect(try await app.execute(uri: "/api/v1/documents/\(id)", method: .get).status == .notFound)
                    #expect(try await app.execute(uri: "/api/v1/documents/\(id)/content", method: .get).status == .notFound)

                    // Changed with its ETag, by its organisation only; then public.
                    let read = try await app.execute(uri: "/api/v1/documents/\(id)", method: .get, headers: apiHeaders(tokens.reader))
                    let etag = try #require(read.headers[.eTag])
                    let change = ByteBuffer(string: #"{"confidentiality": "public", "title": "Rapport de mission, Tubas, mars 2022"}"#)
                    #expect(try await app.execute(uri: "/api/v1/documents/\(id)", method: .patch, headers: apiHeaders(tokens.contributor), body: change).status == .preconditionRequired)
                    #expect(try await app.execute(uri: "/api/v1/documents/\(id)", method: .patch, headers: apiHeaders(tokens.otherContributor, ifMatch: etag), body: change).status == .forbidden)
                    let changed = try await app.execute(uri: "/api/v1/documents/\(id)", method: .patch, headers: apiHeaders(tokens.contributor, ifMatch: etag), body: change)
                    #expect(changed.status == .ok)
                    #expect(try await app.execute(uri: "/api/v1/documents/\(id)", method: .patch, headers: apiHeaders(tokens.contributor, ifMatch: etag), body: change).status == .preconditionFailed)
                    #expect(try await app.execute(uri: "/api/v1/documents/\(id)/content", method: .get).status == .ok)

                    // An Arabic version, linked to it as a translation.
                    let arabic = try await upload(
                        app, token: tokens.contributor, file: Array("تقرير البعثة إلى طوباس".utf8), name: "تقرير.txt",
                        fields: [("title", "تقرير البعثة"), ("language", "ar"), ("translation_of", "\(id)"), ("confidentiality", "public")])
                    #expect(arabic.status == .created)
                    let translations = try jsonObject(try await app.execute(uri: "/api/v1/documents/\(id)", method: .get))["translations"] as? [[String: Any]]
                    #expect(translations?.compactMap { $0["language"] as? String } == ["ar"])

                    // Removed: the shared file stays for the copy, then goes with it.
                    let current = try #require(changed.headers[.eTag])
                    #expect(try await app.execute(uri: "/api/v1/documents/\(id)", method: .delete, headers: apiHeaders(tokens.contributor, ifMatch: current)).status == .noContent)
                    #expect(try await count(database, "document_blobs") == 2)
                    let copyID = try #require((try jsonObject(again)["document"] as? [String: Any])?["id"] as? Int)
                    let copy = try await app.execute(uri: "/api/v1/documents/\(copyID)", method: .get, headers: apiHeaders(tokens.contributor))
                    #expect(try await app.execute(uri: "/api/v1/documents/\(copyID)", method: .delete, headers: apiHeaders(tokens.contributor, ifMatch: copy.headers[.eTag])).status == .noContent)
                    #expect(try await count(database, "document_blobs") == 1)
                    #expect(try await count(database, "document_blob_chunks") == 1)
                }
            }
        }
    }

    @Test func filesAreWhatTheirBytesSayAndNeverShownAsPages() async throws {
        try await withTestDatabase { endpoint in
            let token = try await withPostgresClient(endpoint, logger: testLogger) { client in
                try await TokenRepository(database: Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout))
                    .create(name: "rrma", role: .contributor, organisation: "OCCITANIE-COOPERATION", logger: testLogger)
            }
            try await withTestApp(endpoint: endpoint) { app in
                let page = Array("<html><script>alert(document.cookie)</script></html>".utf8)
                #expect(try await upload(app, token: token, file: page, name: "rapport.pdf").status == .unsupportedMediaType)
                #expect(try await upload(app, token: token, file: page, name: "page.html").status == .unsupportedMediaType)
                let text = try await upload(app, token: token, file: page, name: "notes.txt", fields: [("confidentiality", "private")])
                #expect(text.status == .created)
                let id = try #require((try jsonObject(text)["document"] as? [String: Any])?["id"] as? Int)
                let served = try await app.execute(uri: "/api/v1/documents/\(id)/content", method: .get, headers: apiHeaders(token))
                #expect(served.headers[.contentType] == "text/plain; charset=utf-8")
                #expect(served.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
                #expect(served.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(served.headers[.cacheControl] == "private, no-store")
                #expect(Array(served.body.readableBytesView) == page)
                // Bad metadata: every problem named, nothing stored.
                let bad = try await upload(
                    app, token: token, file: page, name: "notes.txt",
                    fields: [("title", " "), ("date", "2022-02-30"), ("agreement", "NOWHERE"), ("kind", "poem")])
                #expect(bad.status == .unprocessableContent)
                let fields = Set((try jsonObject(bad)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
                #expect(fields == ["date", "kind"])
                let unknown = try await upload(app, token: token, file: page, name: "notes.txt", fields: [("agreement", "NOWHERE"), ("territory", "XX-NONE")])
                #expect(Set((try jsonObject(unknown)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["agreement", "territory"])
                let list = try jsonObject(try await app.execute(uri: "/api/v1/documents", method: .get, headers: apiHeaders(token)))
                #expect(list["total"] as? Int == 1)
            }
        }
    }
}
