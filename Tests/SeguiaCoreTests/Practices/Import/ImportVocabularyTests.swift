import Foundation
import SeguiaCore
import Testing

@Suite struct ImportVocabularyTests {
    private let vocabulary = ImportVocabulary.standard

    /// Every phrase of every file names what its block says it names, and nothing else wins over it.
    @Test(arguments: Language.allCases)
    func eachEntryMapsWhereItSays(_ language: Language) {
        let entries = vocabulary.entries.filter { $0.language == language }
        #expect(entries.count > 50)
        for entry in entries {
            switch entry.meaning {
            case .section, .summary, .documentLabel, .deployedBy:
                #expect(vocabulary.meaning(ofHeading: entry.phrase) == entry.meaning, "\(language).txt line \(entry.line): « \(entry.phrase) »")
            case .metadata(let key):
                #expect(vocabulary.metadataKey(forLabel: entry.phrase) == key, "\(language).txt line \(entry.line): « \(entry.phrase) »")
            case .quoteVerb:
                let paragraph = language == .ar ? "«نص» \(entry.phrase) شخص" : "« Texte », \(entry.phrase) quelqu'un."
                let practice = PracticeDocumentParser.parse("Résultats\n\n\(paragraph)\n")
                #expect(practice.sections.first?.quotes.first?.speaker != nil, "\(language).txt line \(entry.line): « \(entry.phrase) »")
            case .leadingWord:
                continue
            }
        }
    }

    @Test(arguments: Language.allCases)
    func everyPartHasHeadingsInEveryLanguage(_ language: Language) {
        let keys = Set(vocabulary.entries.filter { $0.language == language }.compactMap { entry -> SectionKey? in
            if case .section(let key) = entry.meaning { return key }
            return nil
        })
        #expect(keys == Set(SectionKey.allCases).subtracting([.other]))
    }

    @Test func aFileWithAnUnknownKeyIsRefused() throws {
        #expect(throws: VocabularyError.self) { try ImportVocabulary.parse("[section:nothing]\nfoo\n", language: .fr) }
        #expect(throws: VocabularyError.self) { try ImportVocabulary.parse("a phrase before any key\n", language: .en) }
        #expect(try ImportVocabulary.parse("# comment\n[summary]\nrésumé\n", language: .fr).map(\.phrase) == ["résumé"])
    }

    @Test func arabicSpellingsCountAsOne() {
        #expect(TextMatcher.normalise("الأهدَاف") == TextMatcher.normalise("الاهداف"))
        #expect(TextMatcher.normalise("المعالجة") == TextMatcher.normalise("المعالجه"))
        #expect(TextMatcher.normalise("مستوىـ") == TextMatcher.normalise("مستوي"))
    }
}
