import Foundation
import SeguiaCore
import Testing

@Suite struct PracticeDocumentParserTests {
    private func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Every word of the input, with its count: letters and digits only, case kept.
    private func words(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        var current = ""
        for character in text + " " {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                counts[current, default: 0] += 1
                current = ""
            }
        }
        return counts
    }

    private func wordsOf(_ practice: ImportedPractice) -> [String: Int] {
        let pieces = practice.sections.flatMap { section in
            [section.title ?? "", section.text] + section.items + section.quotes.flatMap { [$0.text, $0.speaker ?? ""] }
        }
        return words(pieces.joined(separator: " "))
    }

    private func expectNoWordLost(_ input: String, _ practice: ImportedPractice, sourceLocation: SourceLocation = #_sourceLocation) {
        let output = wordsOf(practice)
        let lost = words(input).filter { word, count in (output[word] ?? 0) < count }
        #expect(lost.isEmpty, "lost words: \(lost.keys.sorted().prefix(20))", sourceLocation: sourceLocation)
    }

    @Test func theModelSheetMapsItsPartsAndLosesNoWord() throws {
        let sheet = try fixture("fiche-cle-en-mediterranee.txt")
        let practice = PracticeDocumentParser.parse(sheet)
        let keys = practice.sections.map(\.key)
        #expect(
            keys == [
                .other, .interest, .targets, .contextNeed, .objectives, .approach, .results, .calendar, .resources, .actors, .tools,
                .levers, .limits, .lessons, .recommendations, .perspectives,
            ])
        #expect(Set(keys).subtracting([.other]).count >= 10)
        expectNoWordLost(sheet, practice)

        #expect(practice.title?.hasPrefix("Un modèle de Clé en main multi-pays") == true)
        #expect(practice.deployedBy == "Occitanie coopération")
        #expect(practice.summary?.hasPrefix("En repartant des coopérations") == true)

        let byKey = Dictionary(practice.sections.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byKey[.contextNeed]?.title == "Besoin initial de la collectivité")
        #expect(byKey[.targets]?.items.count == 3)
        #expect(byKey[.targets]?.items.first == "La Région Occitanie/Pyrénées-Méditerranée,")
        #expect(byKey[.contextNeed]?.quotes.first?.speaker == "collectivité")
        #expect(byKey[.tools]?.quotes.count == 2)
        #expect(byKey[.actors]?.items.first?.hasPrefix("RRMA : joue le rôle de chef d'orchestre") == true)
        // "Pré-requis :" introduces part of the lessons; it is not a part of its own.
        #expect(byKey[.lessons]?.text.hasPrefix("Pré-requis :") == true)
        #expect(byKey[.lessons]?.quotes.count == 2)
    }

    @Test func anEnglishMarkdownSheetWithUnusualHeadings() throws {
        let sheet = try fixture("reuse-sheet-en.md")
        let practice = PracticeDocumentParser.parse(sheet)
        #expect(practice.title == "Treated wastewater for olive groves in a small municipality")
        #expect(practice.sections.map(\.key) == [.other, .contextNeed, .objectives, .approach, .results, .limits, .other, .lessons, .perspectives])
        expectNoWordLost(sheet, practice)
        let approach = try #require(practice.sections.first { $0.key == .approach })
        #expect(approach.items == [
            "Phase 1: a joint committee of the municipality, the association and the water authority",
            "Phase 2: a storage pond and a drip network, built by local contractors",
            "Phase 3: monthly sampling by an accredited laboratory",
        ])
        let goals = try #require(practice.sections.first { $0.key == .objectives })
        #expect(goals.items == ["1. Secure irrigation water for the olive groves", "2. Stop the discharge into the wadi", "3) Train two operators on monitoring"])
        let results = try #require(practice.sections.first { $0.key == .results })
        #expect(results.quotes == [Quote(text: "We stopped arguing about who gets the water once the pond was full.", speaker: "farmer, member of the association")])
        #expect(practice.sections[6].title == "A heading nobody planned for")
    }

    @Test func aFrenchSheetWithHomeMadeHeadings() throws {
        let sheet = try fixture("fiche-reut-fr.txt")
        let practice = PracticeDocumentParser.parse(sheet)
        expectNoWordLost(sheet, practice)
        #expect(practice.title == "REUT À OUJDA : IRRIGUER LES ESPACES VERTS AVEC L'EAU ÉPURÉE")
        #expect(practice.deployedBy == "la commune et la régie de distribution")
        #expect(practice.sections.map(\.key) == [.other, .contextNeed, .objectives, .approach, .results, .limits, .perspectives])
        let results = try #require(practice.sections.first { $0.key == .results })
        #expect(results.items.count == 2)
        #expect(results.quotes == [Quote(text: "On ne sent rien, les pelouses sont plus vertes qu'avant.", speaker: "un riverain")])
    }

    @Test(arguments: [
        ("Objectifs de la démarche", SectionKey.objectives), ("Intérêt de la démarche pour le RRMA", .interest),
        ("Mise en œuvre", .approach), ("2. Les résultats", .results), ("Principaux enseignements", .lessons),
        ("LESSONS LEARNED", .lessons), ("Leviers d'action", .levers), ("Facteurs de réussite", .levers),
        ("Points de vigilance", .limits), ("Prochaines étapes", .perspectives), ("Témoignages", .quotes),
        ("Acteurs impliqués", .actors), ("Background", .contextNeed), ("Collectivités ciblées", .targets),
    ])
    func recognisesHeadingVariants(_ heading: String, _ key: SectionKey) {
        #expect(PracticeDocumentParser.sectionKey(forHeading: heading) == key)
    }

    @Test(arguments: ["Occitanie coopération", "Gagner en visibilité", "RRMA", "Pratique déployée par", ""])
    func ordinaryLinesAreNotHeadings(_ line: String) {
        #expect(PracticeDocumentParser.sectionKey(forHeading: line) == nil)
    }

    @Test func mixedQuotesAndTextStayText() {
        let practice = PracticeDocumentParser.parse("Résultats\n\n« Une phrase » suivie d'un commentaire.\n\n« Seule » (élu)\n")
        #expect(practice.sections.count == 1)
        #expect(practice.sections[0].text == "« Une phrase » suivie d'un commentaire.")
        #expect(practice.sections[0].quotes == [Quote(text: "Seule", speaker: "élu")])
    }
}
