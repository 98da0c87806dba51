import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
import SeguiaServer
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct PracticeImportEndpointTests {
    static let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    static let odt = "application/vnd.oasis.opendocument.text"

    @discardableResult
    private func importing<Result: Sendable>(
        _ client: any TestClientProtocol, _ body: Data, as mediaType: String, token: String? = nil, save: Bool = false,
        _ check: @escaping @Sendable (TestResponse) async throws -> Result
    ) async throws -> Result {
        var headers: HTTPFields = [.contentType: mediaType]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(
            uri: "/api/v1/practices/import" + (save ? "?save=true" : ""), method: .post, headers: headers, body: ByteBuffer(bytes: body),
            testCallback: check)
    }

    private func sectionTitles(_ body: [String: Any]) -> [String] {
        (body["sections"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
    }

    /// One sheet written in a word processor and saved as .docx, .odt and PDF reads the same through the API.
    @Test(arguments: [("fiche-tubas.docx", docx, "docx"), ("fiche-tubas.odt", odt, "odt"), ("fiche-tubas.pdf", "application/pdf", "pdf")])
    func everyFormatOfTheSameSheet(_ name: String, _ mediaType: String, _ format: String) async throws {
        let bytes = try ImportFixtures.data(name)
        try await withTestApp { client in
            try await importing(client, bytes, as: mediaType) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["format"] as? String == format)
                #expect(body["title"] as? String == "Suivi partagé des puits à Tubas")
                let titles = sectionTitles(body)
                for heading in ["Contexte local", "Objectifs", "Le territoire partenaire", "Calendrier", "Résultats", "Enseignements"] {
                    #expect(titles.contains(heading), "\(format): no section « \(heading) » in \(titles)")
                }
                let period = try #require(body["period"] as? [String: Any])
                #expect(period["start"] as? String == "2020-01-01")
                #expect(period["end"] as? String == "2022-12-31")
                let proposed = try #require(body["proposed"] as? [String: [[String: Any]]])
                #expect(proposed["territories", default: []].contains { $0["code"] as? String == "PS-TBS" })
            }
            // Sent as "some bytes", the format still comes from the content.
            try await importing(client, bytes, as: "application/octet-stream") { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["format"] as? String == format)
            }
        }
    }

    /// The model sheet as text, as a PDF (hard-wrapped lines, no blank line) and as a Word file of plain paragraphs.
    @Test func theModelSheetReadsAlikeInEveryFormat() async throws {
        let text = try ImportFixtures.data("fiche-cle-en-mediterranee.pdf")
        let word = try ImportFixtures.data("fiche-cle-en-mediterranee.docx")
        let expected = [
            "other", "interest", "targets", "context_need", "objectives", "approach", "results", "calendar", "resources", "actors", "tools",
            "levers", "limits", "lessons", "recommendations", "perspectives",
        ]
        try await withTestApp { client in
            for (bytes, mediaType) in [(text, "application/pdf"), (word, Self.docx)] {
                try await importing(client, bytes, as: mediaType) { response in
                    #expect(response.status == .ok)
                    let body = try json(response)
                    let keys = (body["sections"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
                    #expect(keys == expected, "\(mediaType)")
                    #expect((body["title"] as? String ?? "").hasPrefix("Un modèle de Clé en main multi-pays") || mediaType == Self.docx)
                    #expect((body["summary"] as? String ?? "").hasPrefix("En repartant des coopérations"))
                    let deployedBy = body["deployed_by"] as? [String: Any]
                    #expect(deployedBy?["organisation"] as? String == "OCCITANIE-COOPERATION")
                }
            }
        }
    }

    @Test func bytesThatAreNotWhatTheirTypeSaysAreRefused() async throws {
        let pdf = try ImportFixtures.data("fiche-tubas.pdf")
        let word = try ImportFixtures.data("fiche-tubas.docx")
        try await withTestApp { client in
            try await importing(client, pdf, as: "text/plain") { response in
                #expect(response.status == .unsupportedMediaType)
                let detail = try json(response)["detail"] as? String ?? ""
                #expect(detail.contains("PDF document") && detail.contains("application/pdf"))
            }
            try await importing(client, word, as: "application/pdf") { response in
                #expect(response.status == .unsupportedMediaType)
                let detail = try json(response)["detail"] as? String ?? ""
                #expect(detail.contains("Word (.docx)"))
            }
            try await importing(client, Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), as: "application/msword") { response in
                #expect(response.status == .unsupportedMediaType)
                let detail = try json(response)["detail"] as? String ?? ""
                #expect(detail.contains(".doc"))
            }
            try await importing(client, Data("plain words".utf8), as: Self.docx) { response in
                #expect(response.status == .unsupportedMediaType)
            }
        }
    }

    /// Damaged files, zip bombs and empty documents answer 422 and store nothing.
    @Test func badFilesAreRefusedAndNothingIsStored() async throws {
        let word = try ImportFixtures.data("fiche-tubas.docx")
        let bomb = try ImportFixtures.data("zip-bomb.docx")
        try await withTokenApp(role: .admin) { client, token in
            let before = try await practiceCount(client, token: token)
            for (bytes, expected) in [(word.prefix(word.count / 2), "damaged"), (bomb, "refused"), (Data("   \n".utf8), "empty")] {
                try await importing(client, Data(bytes), as: "application/octet-stream", token: token, save: true) { response in
                    #expect(response.status == .unprocessableContent)
                    let body = try json(response)
                    let errors = body["errors"] as? [[String: Any]] ?? []
                    #expect(errors.contains { ($0["message"] as? String ?? "").contains(expected) }, "\(body)")
                }
            }
            #expect(before >= 1)
            #expect(try await practiceCount(client, token: token) == before)
        }
    }

    /// What the importer guessed is kept on the saved draft; what it could not fit is a warning, not a 422.
    @Test func aSavedDraftKeepsTheProposalsAndSaysWhatWasGuessed() async throws {
        let longTitle = (1...70).map { "mot\($0)" }.joined(separator: " ")
        let document = """
            source: Lettre du réseau
            url: https://example.org/tubas

            \(longTitle)

            Contexte
            Le gouvernorat de Tubas et la Région Occitanie gèrent ensemble les puits, de 2021 à 2023, avec le soutien de Montpellier Méditerranée Métropole.

            Résultats
            La gouvernance de l'eau est partagée entre les municipalités de Tubas.
            """
        try await withTokenApp(role: .admin) { client, token in
            let location = try await importing(client, Data(document.utf8), as: "text/plain; charset=utf-8", token: token, save: true) {
                response in
                #expect(response.status == .created)
                let body = try json(response)
                let warnings = body["warnings"] as? [[String: Any]] ?? []
                #expect(warnings.contains { $0["field"] as? String == "title" })
                #expect((body["title"] as? String ?? "").count <= 300)
                return response.headers[.location] ?? ""
            }
            try await client.execute(uri: location, method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                let practice = try json(response)
                #expect(practice["status"] as? String == "draft")
                let territories = (practice["territories"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                #expect(territories.contains("PS-TBS") && territories.contains("FR-OCC"))
                let themes = (practice["themes"] as? [Any] ?? []).compactMap { ($0 as? [String: Any])?["key"] as? String ?? $0 as? String }
                #expect(themes.contains("governance"))
                let period = practice["period"] as? [String: Any]
                // Whole years, written as precisely as they were stated.
                #expect(period?["start"] as? String == "2021")
                #expect(period?["end"] as? String == "2023")
                #expect(period?["precision"] as? String == "year")
                #expect((practice["source"] as? String)?.contains("https://example.org/tubas") == true)
            }
            // The saved draft is found by the filters at once.
            try await client.execute(
                uri: "/api/v1/practices?territory=PS-TBS&status=draft", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { response in
                let found = try items(response)
                #expect(found.count >= 1)
            }
        }
    }

    @Test func anArabicSheetProposesItsThemeAndLanguage() async throws {
        let sheet = "إعادة استخدام المياه المعالجة في جماعة قروية\nالسياق\nكانت محطة المعالجة تصرف مياهها في الوادي.\nالتوصيات\nنشر نتائج التحاليل بانتظام.\n"
        try await withTestApp { client in
            try await importing(client, Data(sheet.utf8), as: "text/plain") { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["language"] as? String == "ar")
                #expect((body["sections"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String } == ["context_need", "recommendations"])
                let themes = (body["proposed"] as? [String: [[String: Any]]])?["themes"] ?? []
                #expect(themes.contains { $0["code"] as? String == "wastewater_reuse" })
            }
        }
    }

    /// Arabic text out of a PDF: embeddings removed, punctuation and quotation marks put back in reading order.
    @Test func anArabicPDF() async throws {
        let pdf = try ImportFixtures.data("fiche-ar.pdf")
        try await withTestApp { client in
            try await importing(client, pdf, as: "application/pdf") { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["language"] as? String == "ar")
                #expect(body["title"] as? String == "إعادة استخدام المياه المعالجة لري الأشجار في جماعة قروية")
                let sections = body["sections"] as? [[String: Any]] ?? []
                #expect(sections.compactMap { $0["key"] as? String } == [
                    "context_need", "objectives", "approach", "results", "limits", "lessons", "recommendations",
                ])
                // The full stop pdftotext puts first goes back to the end (its lam-alef ligatures are its own matter).
                let context = sections.first?["text"] as? String ?? ""
                #expect(context.hasPrefix("كانت محطة المعالجة تصرف مياهها في الوادي") && context.hasSuffix("المياه الجوفية."))
                #expect((sections[1]["items"] as? [String])?.count == 2)
                let quotes = sections.first { $0["key"] as? String == "results" }?["quotes"] as? [[String: Any]] ?? []
                #expect(quotes.first?["speaker"] as? String == "مزارع من الجمعية")
                let period = body["period"] as? [String: Any]
                #expect(period?["start"] as? String == "2019-01-01")
                #expect(period?["end"] as? String == "2022-12-31")
            }
        }
    }

    @Test func textInUTF16OrADeclaredCharsetIsRead() async throws {
        let sheet = "Réutilisation à Fès\n\nRésultats\n\nUn bassin de stockage.\n"
        let utf16 = Data([0xFF, 0xFE]) + sheet.data(using: .utf16LittleEndian)!
        let latin1 = sheet.data(using: .isoLatin1)!
        try await withTestApp { client in
            try await importing(client, utf16, as: "text/plain") { response in
                #expect(response.status == .ok)
                let title = try json(response)["title"] as? String
                #expect(title == "Réutilisation à Fès")
            }
            try await importing(client, latin1, as: "text/plain; charset=ISO-8859-1") { response in
                #expect(response.status == .ok)
                let title = try json(response)["title"] as? String
                #expect(title == "Réutilisation à Fès")
            }
            try await importing(client, latin1, as: "text/plain; charset=koi8-r") { response in
                #expect(response.status == .unsupportedMediaType)
            }
        }
    }

    /// Without poppler's pdftotext, a PDF is refused with what to install.
    @Test func aServerWithoutPdftotextSaysWhatToInstall() async throws {
        let reader = PracticeDocumentReader(programSearchPath: "/nonexistent")
        await #expect {
            _ = try await reader.read([UInt8](try ImportFixtures.data("fiche-tubas.pdf")), mediaType: "application/pdf", charset: nil)
        } throws: { error in
            guard case .unsupported(let message) = error as? DocumentReadError else { return false }
            return message.contains("poppler-utils")
        }
    }

    /// How many practices an administrator sees, drafts included.
    private func practiceCount(_ client: any TestClientProtocol, token: String) async throws -> Int {
        var total = -1
        try await client.execute(uri: "/api/v1/practices?limit=1", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
            total = try json(response)["total"] as? Int ?? -1
        }
        return total
    }
}
