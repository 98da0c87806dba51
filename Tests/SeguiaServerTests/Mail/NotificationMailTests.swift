import Foundation
import Logging
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

@testable import SeguiaServer

/// Notifications mailed through an SMTP relay: each in its recipient's language, once, with the
/// link to the sheet; a refused recipient recorded and tried again later; nothing a person wrote
/// becomes a header.
@Suite struct NotificationMailTests {
    static let password = "une longue phrase de passe"

    /// The text of a mail as its reader's program shows it: headers' encoded words and the body decoded.
    static func decoded(_ data: String) -> (headers: [String: String], body: String) {
        let parts = data.components(separatedBy: "\r\n\r\n")
        var headers: [String: String] = [:]
        var last = ""
        for line in parts[0].components(separatedBy: "\r\n") {
            if line.hasPrefix(" "), !last.isEmpty {
                headers[last, default: ""] += line
                continue
            }
            let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            last = pair[0]
            headers[last] = pair[1]
        }
        for (name, value) in headers {
            headers[name] = value.components(separatedBy: " ").map { word -> String in
                guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                    let bytes = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
                else { return word + " " }
                return String(decoding: bytes, as: UTF8.self)
            }.joined().trimmingCharacters(in: .whitespaces)
        }
        let body = Data(base64Encoded: parts.dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (headers, body)
    }

    @Test func aSubmissionIsMailedToTheReviewersInTheirLanguageOnce() async throws {
        let relay = try await SMTPRelayDouble(refusing: ["paul@example.org"])
        try await withTestPool { database in
            let accounts = AccountRepository(database: database, bcryptCost: 4)
            let author = try await accounts.create(
                AccountInput(email: "amal@example.org", name: "Amal", organisation: "OCCITANIE-COOPERATION", role: .contributor),
                password: Self.password, logger: testLogger)
            _ = try await accounts.create(
                AccountInput(email: "rita@example.org", name: "Rita", organisation: "OCCITANIE-COOPERATION", role: .reviewer, languages: [.ar, .fr]),
                password: Self.password, logger: testLogger)
            _ = try await accounts.create(
                AccountInput(email: "paul@example.org", name: "Paul", organisation: "OCCITANIE-COOPERATION", role: .publisher),
                password: Self.password, logger: testLogger)
            var content = PracticeContent(slug: "comite-tubas", title: "Comité de Tubas\r\nBcc: everyone@example.org")
            content.organisation = "OCCITANIE-COOPERATION"
            let writer = PracticeWriter(database: database)
            let id = try await writer.create(content, by: author.identity(), logger: testLogger)
            _ = try await writer.change(id: id, expectedRevision: 1, by: author.identity(), message: "Relire les chiffres de 2022", logger: testLogger) {
                var next = $0
                next.status = .inReview
                return (next, "submitted")
            }

            let settings = SMTPSettings(
                host: "127.0.0.1", port: relay.port, security: .plain, from: "seguia@example.org", publicURL: "https://seguia.example.org")
            let mailer = NotificationMailer(
                queue: NotificationMailQueue(database: database), client: SMTPClient(settings: settings), catalogue: try Catalogue.load(),
                logger: testLogger)
            #expect(try await mailer.deliverDue() == 1)
            #expect(try await mailer.deliverDue() == 0)

            let mails = relay.received
            #expect(mails.map(\.to) == [["rita@example.org"]])
            #expect(mails.first?.from == "seguia@example.org")
            let (headers, body) = Self.decoded(try #require(mails.first?.data))
            #expect(headers["Subject"]?.contains("Comité de Tubas") == true)
            #expect(headers["Bcc"] == nil && !(mails.first?.data.contains("\r\nBcc:") ?? true))
            #expect(body.hasPrefix("مرحبًا Rita،"))
            #expect(body.contains("قدّمها Amal لمراجعتك") && body.contains("Relire les chiffres de 2022"))
            #expect(body.contains("https://seguia.example.org/ar/practices/comite-tubas"))

            // The refused address: recorded with the relay's words, not retried at once.
            let failures = try await database.withConnection("test") { connection in
                try await connection.run(
                    "SELECT u.email, n.mail_attempts, n.mail_error FROM notifications n JOIN users u USING (user_id) WHERE n.mailed_at IS NULL",
                    logger: testLogger
                ).decode((String, Int, String?).self).reduce(into: [(String, Int, String?)]()) { $0.append($1) }
            }
            #expect(failures.count == 1)
            #expect(failures.first?.0 == "paul@example.org" && failures.first?.1 == 1)
            #expect(failures.first?.2?.contains("550") == true)
        }
        try await relay.close()
    }

    @Test func settingsRefuseWhatWouldLeakOrCannotWork() throws {
        func issues(_ url: String, from: String? = "seguia@example.org", link: String? = "https://seguia.example.org") -> [String] {
            switch SMTPSettings.parse(url: url, from: from, publicURL: link) {
            case .success: []
            case .failure(let error): error.issues.map(\.reason)
            }
        }
        #expect(issues("smtp://user:secret@mail.example.org").isEmpty)
        #expect(try SMTPSettings.parse(url: "smtps://mail.example.org", from: "a@example.org", publicURL: "https://x.example.org/").get().port == 465)
        #expect(try SMTPSettings.parse(url: "smtp+plain://localhost", from: "a@example.org", publicURL: "https://x.example.org/").get().publicURL
            == "https://x.example.org")
        #expect(issues("smtp+plain://user:secret@mail.example.org").first?.contains("in clear") == true)
        #expect(issues("http://mail.example.org").count == 1)
        #expect(issues("smtp://mail.example.org", from: "seguia <x>@example.org").count == 1)
        #expect(issues("smtp://mail.example.org", link: nil).count == 1)
    }

    @Test func headersCarryEncodedWordsOnly() {
        let message = MailMessage(
            from: "seguia@example.org", fromName: "Seguia", to: "rita@example.org", toName: "Rita\nBcc: x@example.org",
            subject: String(repeating: "Réutilisation des eaux usées traitées à Tubas ", count: 3) + "\r\nX-Injected: 1", body: "Texte\n.\nFin")
        let rendered = message.rendered()
        let headerBlock = rendered.components(separatedBy: "\r\n\r\n")[0]
        for line in headerBlock.components(separatedBy: "\r\n") {
            #expect(line.count <= 78)
            #expect(line.allSatisfy { $0.isASCII })
            #expect(!line.hasPrefix("X-Injected") && !line.hasPrefix("Bcc"))
        }
        #expect(Self.decoded(rendered).body == "Texte\r\n.\r\nFin")
        #expect(Self.decoded(rendered).headers["Subject"]?.hasSuffix("X-Injected: 1") == true)
    }
}
