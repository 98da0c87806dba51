import SeguiaCore
import SeguiaExport
import Testing

@Suite struct PracticeMarkdownWriterTests {
    @Test func theSheetIsWrittenInOrderWithWhatTheAuthorWroteKeptAsText() {
        let sheet = PracticeSheet(
            title: "# Réseau *partagé*", summary: "1. Un résumé\n- qui commence comme une liste", language: .fr,
            facts: [PracticeSheet.Fact(label: "Territoires", values: ["Tubas", "[Jénine]"])],
            sections: [
                PracticeSheet.Section(
                    key: .levers, heading: "Leviers", headingLanguage: .fr, language: .fr, notice: nil, paragraphs: ["Un comité <b>mensuel</b>."],
                    items: ["_réunions_"], quotes: [Quote(text: "Nous avons appris", speaker: "élue")]),
                PracticeSheet.Section(
                    key: .limits, heading: "Limites", headingLanguage: .fr, language: .fr, notice: "Translation not available", paragraphs: [],
                    items: [], quotes: []),
            ])
        let text = PracticeMarkdownWriter().write(sheet) { "— \($0)" }
        #expect(text.hasPrefix("# \\# Réseau \\*partagé\\*\n\n"))
        #expect(text.contains("1\\. Un résumé\n\\- qui commence comme une liste\n\n"))
        #expect(text.contains("- **Territoires** : Tubas, \\[Jénine\\]\n"))
        #expect(text.contains("## Leviers\n\nUn comité \\<b\\>mensuel\\</b\\>.\n\n- \\_réunions\\_\n\n> « Nous avons appris »\n>\n> — élue\n"))
        #expect(text.contains("## Limites\n\n*Translation not available*\n"))
        #expect(text.range(of: "## Leviers")!.lowerBound < text.range(of: "## Limites")!.lowerBound)
    }
}
