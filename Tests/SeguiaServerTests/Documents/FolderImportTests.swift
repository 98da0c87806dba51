import Foundation
import Logging
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

@testable import SeguiaServer

/// A shared drive's folder brought in and written back out: subfolders as tags, duplicates
/// skipped and counted, files of other kinds counted, the bytes out as they came in.
@Suite struct FolderImportTests {
    private func write(_ bytes: [UInt8], _ path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    @Test func aFolderTreeComesInOnceAndGoesBackOut() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("seguia-drive-\(UUID().uuidString)")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("seguia-drive-out-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: out)
        }
        let word = Array(try ImportFixtures.data("fiche-tubas.docx"))
        let arabic = Array(try ImportFixtures.data("fiche-ar.pdf"))
        try write(word, "Tubas/Missions/Rapport de mission 2022-03-14.docx", in: root)
        try write(word, "Tubas/Sauvegarde/copie du rapport.docx", in: root)
        try write(arabic, "Tubas/Missions/تقرير البعثة.pdf", in: root)
        try write(Array("MZ\u{0}binaire".utf8), "Outils/installer.exe", in: root)
        try write(Array("not a PDF".utf8), "Outils/faux.pdf", in: root)
        try write(Array("secret".utf8), ".cache/hidden.txt", in: root)

        try await withTestPool { database in
            let importer = FolderImporter(
                writer: DocumentWriter(database: database), upload: DocumentUpload(reader: PracticeDocumentReader()),
                author: Identity(tokenID: 0, name: "cli:test", role: .admin, organisation: "OCCITANIE-COOPERATION"), confidentiality: .partners,
                links: DocumentLinks(agreements: ["OCCITANIE-TUBAS-2019-2022"]), dryRun: false, logger: testLogger)
            var lines: [String] = []
            let summary = try await importer.run(root) { lines.append($0) }
            #expect(summary == FolderImporter.Summary(files: 5, added: 2, duplicates: 1, notKept: 2, failed: 0))
            #expect(lines.count == 5 && lines[0].hasPrefix("[1/5] "))
            #expect(lines.contains { $0.contains("copie du rapport.docx") && $0.contains("already in Seguia") })

            // Brought in again: every file is a duplicate now.
            let again = try await importer.run(root) { _ in }
            #expect(again.added == 0 && again.duplicates == 3)

            let repository = DocumentRepository(database: database)
            let page = try await repository.search(DocumentQuery(agreement: "OCCITANIE-TUBAS-2019-2022"), audience: .member(organisation: nil), logger: testLogger)
            #expect(page.total == 2)
            let report = try #require(page.items.first { $0.metadata.kind == .missionReport && $0.metadata.language == .fr })
            #expect(report.metadata.date == "2022-03-14")
            #expect(report.metadata.tags == ["Tubas", "Missions"])
            #expect(page.items.contains { $0.metadata.language == .ar })
            #expect(try await repository.search(DocumentQuery(), audience: .anonymous, logger: testLogger).total == 0)

            let written = try await FolderExporter(repository: repository, logger: testLogger).run(out) { _ in }
            #expect(written == 2)
            #expect(Array(try Data(contentsOf: out.appendingPathComponent("Tubas/Missions/Rapport de mission 2022-03-14.docx"))) == word)
            #expect(Array(try Data(contentsOf: out.appendingPathComponent("Tubas/Missions/تقرير البعثة.pdf"))) == arabic)
            let index = try String(contentsOf: out.appendingPathComponent("index.csv"), encoding: .utf8)
            #expect(index.contains("Tubas/Missions/تقرير البعثة.pdf") && index.contains("OCCITANIE-TUBAS-2019-2022"))
        }
    }

    @Test func datesAreReadFromNames() {
        #expect(FolderImporter.date(in: "CR 2022-03-14 comité") == "2022-03-14")
        #expect(FolderImporter.date(in: "mission_20210907") == "2021-09-07")
        #expect(FolderImporter.date(in: "réunion 2022_05") == "2022-05-01")
        // A day that does not exist: its month is still right.
        #expect(FolderImporter.date(in: "budget 2022-02-30") == "2022-02-01")
        #expect(FolderImporter.date(in: "note 12345678") == nil)
    }
}
