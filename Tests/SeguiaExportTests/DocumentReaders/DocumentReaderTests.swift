import Foundation
import SeguiaCore
import SeguiaExport
import SeguiaTestSupport
import Testing
import ZIPFoundation

@Suite struct DocumentReaderTests {
    private func parsed(_ name: String) throws -> (DocumentFormat, DocumentOutline, ImportedPractice) {
        let (format, outline) = try OfficeDocumentReader.outline(try ImportFixtures.data(name))
        return (format, outline, PracticeDocumentParser.parse(outline))
    }

    /// The words of the written source (the flat XML's text, without its markup).
    private func sourceWords() throws -> Set<String> {
        let xml = String(decoding: try ImportFixtures.data("fiche-tubas.fodt"), as: UTF8.self)
        let body = xml[xml.range(of: "<office:body>")!.upperBound...]
        // A comment's date is not text of the sheet.
        let text = body.replacing(#/<dc:date>[^<]*</dc:date>/#, with: " ").replacing(#/<[^>]+>/#, with: " ")
        return Set(text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }

    private func words(_ practice: ImportedPractice) -> Set<String> {
        var pieces = [practice.title ?? "", practice.summary ?? ""] + practice.labels + practice.metadata.map(\.value)
        pieces += practice.sections.flatMap { [$0.title ?? "", $0.text] + $0.items + $0.quotes.flatMap { [$0.text, $0.speaker ?? ""] } }
        return Set(pieces.joined(separator: " ").split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }

    /// The same sheet saved by a word processor as .odt and as .docx reads the same way.
    @Test(arguments: ["fiche-tubas.odt", "fiche-tubas.docx"])
    func aWordProcessorSheet(_ name: String) throws {
        let (format, outline, practice) = try parsed(name)
        #expect(format == (name.hasSuffix("odt") ? .odt : .docx))
        let lost = try sourceWords().subtracting(words(practice))
        #expect(lost.isEmpty, "lost words: \(lost.sorted())")
        #expect(practice.title == "Suivi partagé des puits à Tubas")
        #expect(outline.metadata(.author) == "Équipe projet Tubas")
        #expect(outline.metadata(.subject) == "Gouvernance de l'eau souterraine")
        #expect(outline.metadata(.date) == "2024-03-05")
        #expect(practice.sections.map(\.title) == [
            "Contexte local", "Objectifs", "Le territoire partenaire", "Calendrier", "Acteurs", "Résultats", "Ce qui reste à faire",
            "Enseignements",
        ])
        #expect(practice.sections.map(\.key) == [.contextNeed, .objectives, .contextNeed, .calendar, .actors, .results, .perspectives, .lessons])
        let byTitle = Dictionary(practice.sections.map { ($0.title ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byTitle["Objectifs"]?.items == ["Recenser les puits avec les municipalités", "Former deux agents par municipalité au suivi des niveaux"])
        #expect(byTitle["Acteurs"]?.items == ["Acteur | Rôle", "Municipalité de Tubas | Relevés mensuels", "Région Occitanie | Financement et formation"])
        // The footnote is kept after its paragraph, with its number at the call.
        #expect(byTitle["Contexte local"]?.text.contains("débit baisse[1].") == true)
        #expect(byTitle["Contexte local"]?.text.hasSuffix("[1] Relevés de l'autorité de l'eau, campagne de printemps.") == true)
        #expect(byTitle["Résultats"]?.text.contains("[comment (Coordinatrice)] Chiffre à confirmer avec la municipalité.") == true)
        #expect(byTitle["Résultats"]?.quotes == [Quote(text: "Nous savons enfin où en sont nos puits.", speaker: "un agent municipal")])
        #expect(practice.period == StatedPeriod(startYear: 2020, endYear: 2022, text: "de 2020 à 2022"))
    }

    @Test func aWordFileWithFrenchStyleIdsOutlineLevelsAndTrackedChanges() throws {
        let (format, outline, practice) = try parsed("word-tiznit-en.docx")
        #expect(format == .docx)
        #expect(practice.title == "Reuse of treated wastewater in Tiznit")
        #expect(practice.summary?.hasPrefix("The municipality and the utility irrigate public gardens") == true)
        #expect(practice.sections.map(\.title) == ["Context", "Key findings", "What we would do differently"])
        #expect(practice.sections.map(\.key) == [.contextNeed, .results, .lessons])
        #expect(practice.sections[1].items == [
            "Consumption of drinking water by the gardens fell.", "Residents accepted the reuse once results were published.", "Step one",
        ])
        #expect(practice.sections[2].items == ["Partner | Role", "Utility | Operates the plant"])
        let text = PracticeDocumentParser.parse(outline).sections.map(\.text).joined(separator: " ")
        #expect(!text.contains("DELETEDWORD"))
        #expect(!text.contains("PAGE"))
        #expect(text.contains("Page 7"))
        #expect(outline.metadata(.author) == "Experts-Solidaires")
    }

    @Test func aDamagedArchiveIsRefusedAsUnreadable() throws {
        let whole = try ImportFixtures.data("fiche-tubas.docx")
        let truncated = whole.prefix(whole.count / 2)
        #expect(throws: DocumentReadError.self) { try OfficeDocumentReader.outline(Data(truncated)) }
        do {
            _ = try OfficeDocumentReader.outline(Data(truncated))
        } catch let error as DocumentReadError {
            guard case .unreadable(let message) = error else { Issue.record("expected unreadable, got \(error)"); return }
            #expect(message.contains("damaged"))
        }
    }

    /// A part that unpacks far beyond what it could honestly hold is refused while it is read.
    @Test func aZipBombIsRefused() throws {
        let bomb = try ImportFixtures.data("zip-bomb.docx")
        #expect(bomb.count < 1 << 20)
        #expect {
            try OfficeDocumentReader.outline(bomb)
        } throws: { error in
            guard case .unreadable(let message) = error as? DocumentReadError else { return false }
            return message.contains("MiB: refused")
        }
    }

    private func wordFile(_ documentXML: String) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let xml = Data(documentXML.utf8)
        try archive.addEntry(with: "[Content_Types].xml", type: .file, uncompressedSize: Int64(8), provider: { _, _ in Data("<Types/>".utf8) })
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(xml.count)) { position, size in
            xml.subdata(in: Int(position)..<Int(position) + size)
        }
        return try #require(archive.data)
    }

    /// Entities that expand a billion times are refused; external ones are never read.
    @Test func xmlEntityAttacksGetNothing() throws {
        var declarations = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 { declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">" }
        let body = #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"#
        let laughs = try wordFile("<?xml version=\"1.0\"?><!DOCTYPE d [\(declarations)]>" + body + "&lol9;</w:t></w:r></w:p></w:body></w:document>")
        #expect(throws: DocumentReadError.self) { try OfficeDocumentReader.outline(laughs) }
        let external = try wordFile(
            "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + body + "Titre &x;</w:t></w:r></w:p></w:body></w:document>")
        let outline = try? OfficeDocumentReader.outline(external).1
        #expect(outline.map { "\($0.blocks)" }?.contains("root") != true)
    }

    @Test func anArchiveOfTooManyFilesIsRefused() throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        for index in 0...10_000 {
            try archive.addEntry(with: "word/part\(index).xml", type: .file, uncompressedSize: Int64(1), provider: { _, _ in Data("x".utf8) })
        }
        let data = try #require(archive.data)
        #expect {
            try OfficeDocumentReader.outline(data)
        } throws: { error in
            guard case .unreadable(let message) = error as? DocumentReadError else { return false }
            return message.contains("more than 10000 files")
        }
    }

    @Test func otherArchivesAreNotTextDocuments() throws {
        let workbook = try Archive(data: Data(), accessMode: .create)
        try workbook.addEntry(with: "xl/workbook.xml", type: .file, uncompressedSize: Int64(3), provider: { _, _ in Data("<a/".utf8) })
        #expect {
            try OfficeDocumentReader.outline(try #require(workbook.data))
        } throws: { error in
            guard case .unsupported(let message) = error as? DocumentReadError else { return false }
            return message.contains("Excel workbook")
        }
    }
}
