import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

/// The import wizard: a Word file uploaded (or text pasted) becomes the editor's form with the
/// structure found; nothing is stored until the draft is saved, with the links ticked.
@Suite struct ImportPageTests {
    static let password = "une longue phrase de passe"

    private func multipart(_ parts: [(name: String, filename: String?, type: String?, bytes: [UInt8])], boundary: String) -> ByteBuffer {
        multipartBody(parts.map { MultipartPart($0.name, filename: $0.filename, type: $0.type, bytes: $0.bytes) }, boundary: boundary)
    }

    private func count(_ database: Database) async throws -> Int {
        try await database.withConnection("test") { connection in
            try await connection.run("SELECT count(*)::int FROM practices", logger: testLogger).decode(Int.self).reduce(0) { $1 }
        }
    }

    @Test func aWordFileBecomesTheEditorsFormAndIsSavedAsADraftWithTheLinksTicked() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
                _ = try await AccountRepository(database: database, bcryptCost: 4).create(
                    AccountInput(email: "amal@example.org", name: "Amal", organisation: "EXPERTS-SOLIDAIRES", role: .contributor),
                    password: Self.password, logger: testLogger)
                let before = try await count(database)
                try await withTestApp(endpoint: endpoint) { app in
                    let browser = WebSessionClient(app: app)
                    let session = try await browser.signIn("amal@example.org", password: Self.password)
                    let form = try await browser.html("/fr/practices/import", session: session)
                    let token = try #require(WebSessionClient.formToken(form))
                    func send(_ parts: [(name: String, filename: String?, type: String?, bytes: [UInt8])]) async throws -> TestResponse {
                        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=seguia-test-boundary"]
                        headers[.cookie] = "seguia_session=\(session)"
                        return try await app.execute(
                            uri: "/fr/practices/import", method: .post, headers: headers, body: multipart(parts, boundary: "seguia-test-boundary"))
                    }
                    let word = Array(try ImportFixtures.data("fiche-tubas.docx"))
                    #expect(try await send([("document", "fiche.docx", "application/octet-stream", word)]).status == .forbidden)
                    let read = try await send([("csrf", nil, nil, Array(token.utf8)), ("text", nil, nil, []),
                                               ("document", "fiche sans nom", "application/octet-stream", word)])
                    #expect(read.status == .ok)
                    let editor = String(buffer: read.body)
                    #expect(editor.contains(#"value="Suivi partagé des puits à Tubas""#))
                    #expect(editor.contains(#"name="chosen" value="territory|PS-TBS" id="proposal-territory-PS-TBS" checked"#))
                    #expect(try await count(database) == before)

                    // Untick nothing, save: a draft with the territory ticked.
                    let saved = try await browser.post(
                        "/fr/practices/new", EditorPageTests.setting(EditorPageTests.fields(editor), ["do": "save"]), cookies: ["seguia_session": session])
                    #expect(saved.status == .seeOther)
                    #expect(try await count(database) == before + 1)
                    let slug = try #require(saved.headers[.location]?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
                    let stored = try await PracticeRepository(database: database).find(slug, audience: .administrator, logger: testLogger)
                    #expect(stored.content.status == .draft && stored.content.territories.contains { $0.code == "PS-TBS" })
                    #expect(!stored.content.sections.isEmpty)

                    // Pasted text works the same; a file that is no document says so and keeps the text.
                    let pasted = try await send([("csrf", nil, nil, Array(token.utf8)), ("text", nil, nil, Array("Comité de l'eau\n\nRésultats\n\nUn comité élu.".utf8))])
                    #expect(pasted.status == .ok && String(buffer: pasted.body).contains("Comité de l"))
                    let picture = try await send([("csrf", nil, nil, Array(token.utf8)), ("text", nil, nil, Array("mon texte".utf8)),
                                                  ("document", "photo.png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])])
                    #expect(picture.status == .unprocessableContent)
                    #expect(String(buffer: picture.body).contains("mon texte</textarea>"))
                }
            }
        }
    }
}
