import Foundation
import SeguiaCore
import Testing

@Suite struct PracticeDraftTests {
    private func match(_ code: String, _ mentions: Int) -> TextMatcher.Match {
        TextMatcher.Match(code: code, mentions: mentions)
    }

    @Test func keepsWhatTheImporterProposed() {
        let imported = PracticeDocumentParser.parse("Une fiche\n\nCalendrier\n\nDe 2019 à 2022, trois missions.\n")
        let proposals = PracticeDraft.Proposals(
            territories: [match("PS-TBS", 3), match("FR-OCC", 1)], organisations: [match("RRMA", 2)], themes: [match("governance", 2)],
            deployingOrganisation: "RRMA")
        let draft = PracticeDraft(imported, language: .fr, proposals: proposals)
        #expect(draft.content.title == "Une fiche")
        #expect(draft.content.status == .draft)
        #expect(draft.content.territories.map(\.code) == ["PS-TBS", "FR-OCC"])
        #expect(draft.content.organisations.map(\.code) == ["RRMA"])
        #expect(draft.content.organisation == "RRMA")
        #expect(draft.content.themes == ["governance"])
        #expect(draft.content.period == DatePeriod(start: "2019-01-01", end: "2022-12-31", precision: .year))
        #expect(draft.content.issues().isEmpty)
        #expect(draft.warnings.map(\.field).sorted() == ["period", "territories"])
        #expect(draft.warnings.contains { $0.reason.contains("FR-OCC") })
    }

    @Test func aTitleOverTheLimitIsCutAndSaid() {
        let long = (1...80).map { "mot\($0)" }.joined(separator: " ")
        let draft = PracticeDraft(PracticeDocumentParser.parse("# \(long)\n\nRésultats\n\nDu texte.\n"), language: .fr, proposals: .init())
        #expect(draft.content.title.count <= PracticeDraft.maximumTitleLength)
        #expect(draft.content.title.hasSuffix("…"))
        #expect(draft.content.title.hasPrefix("mot1 mot2"))
        #expect(draft.content.issues().isEmpty)
        #expect(draft.warnings.first?.field == "title")
    }

    /// PostgreSQL counts code points: a vowelled Arabic title is cut to 300 of them, not 300 letters.
    @Test func anArabicTitleIsCutInCodePoints() {
        let word = "المِيَاهُ"
        let long = Array(repeating: word, count: 60).joined(separator: " ")
        let draft = PracticeDraft(PracticeDocumentParser.parse("# \(long)\n\nالنتائج\n\nنص.\n"), language: .ar, proposals: .init())
        #expect(draft.content.title.unicodeScalars.count <= PracticeDraft.maximumTitleLength)
        #expect(draft.content.title.hasPrefix(word))
        #expect(draft.warnings.contains { $0.field == "title" })
    }

    @Test func aDocumentWithoutTitleGetsItsFirstSentence() {
        let imported = ImportedPractice(sections: [PracticeSection(key: .results, title: "Résultats", text: "Le réseau fonctionne. Il reste à l'étendre.")])
        let draft = PracticeDraft(imported, language: .fr, proposals: .init())
        #expect(draft.content.title == "Le réseau fonctionne")
        #expect(draft.warnings.map(\.field) == ["title"])
        let empty = PracticeDraft(ImportedPractice(), language: .fr, proposals: .init())
        #expect(empty.content.title == PracticeDraft.untitled)
    }

    @Test func metadataMakesTheSource() {
        let imported = PracticeDocumentParser.parse("source: Lettre du réseau\nauteur: Marie\ndate: 2022-03\nurl: https://example.org/a\n\nTitre\n\nTexte.\n")
        let draft = PracticeDraft(imported, language: .fr, proposals: .init())
        #expect(draft.content.source == "Marie — Lettre du réseau — 2022-03 — https://example.org/a")
        #expect(draft.content.title == "Titre")
    }

    @Test(arguments: [("fr", Language.fr), ("Français", .fr), ("English", .en), ("en-GB", .en), ("العربية", .ar), ("arabe", .ar)])
    func declaredLanguages(_ value: String, _ language: Language) {
        #expect(PracticeDraft.declaredLanguage(value) == language)
    }
}
