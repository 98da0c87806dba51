import Foundation
import SeguiaCore
import Testing

@Suite struct PracticeDocumentParserTests {
    private func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Each word of the input is kept exactly once: none lost, none written twice.
    private func expectEveryWordOnce(_ input: String, _ practice: ImportedPractice, sourceLocation: SourceLocation = #_sourceLocation) {
        let (lost, doubled) = lostAndDoubled(input, practice)
        #expect(lost.isEmpty, "lost words: \(lost.prefix(20))", sourceLocation: sourceLocation)
        #expect(doubled.isEmpty, "words written twice: \(doubled.prefix(20))", sourceLocation: sourceLocation)
    }

    private func section(_ practice: ImportedPractice, titled title: String) throws -> PracticeSection {
        try #require(practice.sections.first { $0.title == title }, "no section titled \(title)")
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
        expectEveryWordOnce(sheet, practice)

        #expect(practice.title?.hasPrefix("Un modèle de Clé en main multi-pays") == true)
        #expect(practice.title?.contains("*") == false)
        #expect(practice.deployedBy == "Occitanie coopération")
        #expect(practice.summary?.hasPrefix("En repartant des coopérations") == true)
        #expect(practice.labels == ["FICHE DE CAPITALISATION", "Pratique déployée par"])
        // The summary is not written again in the opening text.
        #expect(practice.sections[0].text.contains("En repartant") == false)

        let byKey = Dictionary(practice.sections.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byKey[.contextNeed]?.title == "Besoin initial de la collectivité")
        #expect(byKey[.targets]?.items.count == 3)
        #expect(byKey[.targets]?.items.first == "La Région Occitanie/Pyrénées-Méditerranée,")
        #expect(byKey[.contextNeed]?.quotes.first?.speaker == "collectivité")
        #expect(byKey[.tools]?.quotes.count == 2)
        #expect(byKey[.actors]?.items.first?.hasPrefix("RRMA : joue le rôle de chef d'orchestre") == true)
        // "Pré-requis :" and "Objectifs spécifiques :" introduce lists inside their part.
        #expect(byKey[.lessons]?.text.hasPrefix("Pré-requis :") == true)
        #expect(byKey[.objectives]?.text.contains("Objectifs spécifiques :") == true)
        #expect(byKey[.lessons]?.quotes.count == 2)
        // Short lines under « Intérêt » are its text, not headings of their own.
        #expect(byKey[.interest]?.text.contains("Gagner en visibilité") == true)
    }

    @Test func anEnglishMarkdownSheetWithUnusualHeadings() throws {
        let sheet = try fixture("reuse-sheet-en.md")
        let practice = PracticeDocumentParser.parse(sheet)
        #expect(practice.title == "Treated wastewater for olive groves in a small municipality")
        #expect(practice.sections.map(\.key) == [.other, .contextNeed, .objectives, .approach, .results, .limits, .other, .lessons, .perspectives])
        expectEveryWordOnce(sheet, practice)
        #expect(practice.summary?.hasPrefix("A municipal utility and a farmers' association") == true)
        #expect(practice.sections[0].text == "Capitalisation sheet — draft written from field notes")
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
        expectEveryWordOnce(sheet, practice)
        #expect(practice.title == "REUT À OUJDA : IRRIGUER LES ESPACES VERTS AVEC L'EAU ÉPURÉE")
        #expect(practice.deployedBy == "la commune et la régie de distribution")
        #expect(practice.sections.map(\.key) == [.contextNeed, .objectives, .approach, .results, .limits, .perspectives])
        let results = try #require(practice.sections.first { $0.key == .results })
        #expect(results.items.count == 2)
        #expect(results.quotes == [Quote(text: "On ne sent rien, les pelouses sont plus vertes qu'avant.", speaker: "un riverain")])
    }

    /// Pasted from a web page: metadata lines first, no blank line anywhere, headings right above their text.
    @Test func aPastedFrenchArticleWithoutBlankLines() throws {
        let article = try fixture("article-tubas-fr.txt")
        let practice = PracticeDocumentParser.parse(article)
        expectEveryWordOnce(article, practice)
        #expect(practice.title == "Coopération Occitanie – Tubas : gérer l'eau ensemble, de 2021 à 2023")
        #expect(practice.metadata(.source) == "Lettre d'information du réseau, numéro de printemps")
        #expect(practice.metadata(.note) == "texte collé depuis la page web, mise en forme perdue")
        #expect(practice.metadata(.url) == "https://example.org/lettre/tubas-eau")
        #expect(practice.metadata(.author) == "Équipe de l'ONG partenaire")
        #expect(practice.summary?.hasPrefix("Dans le gouvernorat de Tubas") == true)
        #expect(practice.labels == ["Chapeau", "explique"])
        #expect(practice.period == StatedPeriod(startYear: 2021, endYear: 2023, text: "de 2021 à 2023"))
        #expect(practice.sections.map(\.title) == [
            "Le territoire partenaire", "Historique du partenariat", "Problématique", "Objectifs spécifiques", "Méthode de travail",
            "Principaux résultats", "Difficultés rencontrées", "Recommandations",
        ])
        #expect(practice.sections.map(\.key) == [
            .contextNeed, .contextNeed, .contextNeed, .objectives, .approach, .results, .limits, .recommendations,
        ])
        #expect(try section(practice, titled: "Objectifs spécifiques").items.count == 2)
        #expect(try section(practice, titled: "Méthode de travail").quotes == [
            Quote(text: "On connaît enfin nos puits, et on peut en parler avec les agriculteurs.", speaker: "un agent de la municipalité de Tubas")
        ])
        #expect(try section(practice, titled: "Principaux résultats").quotes == [
            Quote(text: "Le comité se réunit tous les mois", speaker: "le coordinateur du projet")
        ])
    }

    @Test func anEnglishEvaluationWithFrontMatter() throws {
        let evaluation = try fixture("evaluation-en.md")
        let practice = PracticeDocumentParser.parse(evaluation)
        expectEveryWordOnce(evaluation, practice)
        #expect(practice.title == "Ex-post evaluation: rural water supply in the Arghen valley")
        #expect(practice.metadata(.author) == "Evaluation unit of the donor")
        #expect(practice.metadata(.date) == "2023-06-15")
        #expect(PracticeDraft.declaredLanguage(practice.metadata(.language)) == .en)
        #expect(practice.summary?.hasPrefix("The project connected mountain villages") == true)
        #expect(practice.period == StatedPeriod(startYear: 2019, endYear: 2022, text: "between 2019 and 2022"))
        #expect(practice.sections.map(\.key) == [.contextNeed, .objectives, .results, .recommendations, .perspectives])
        #expect(practice.sections.map(\.title) == [
            "Background", "Specific objectives", "Main finding", "Recommendations (to further improve the service)", "Next steps",
        ])
        let background = try section(practice, titled: "Background")
        #expect(background.text.contains("Women and girls carried water"))
        #expect(!background.text.contains("*"))
        #expect(try section(practice, titled: "Main finding").quotes == [
            Quote(text: "We no longer wait at the spring at dawn.", speaker: "a resident of a connected village"),
            Quote(text: "The tariff covers the pump's electricity", speaker: "the association's treasurer"),
        ])
    }

    @Test func anArabicSheet() throws {
        let sheet = try fixture("fiche-ar.txt")
        let practice = PracticeDocumentParser.parse(sheet)
        expectEveryWordOnce(sheet, practice)
        #expect(practice.title == "إعادة استخدام المياه المعالجة لري الأشجار في جماعة قروية")
        #expect(practice.summary?.hasPrefix("قامت الجماعة بالشراكة مع جمعية الفلاحين") == true)
        #expect(practice.labels == ["الملخص", "قال"])
        #expect(practice.sections.map(\.key) == [.contextNeed, .objectives, .approach, .results, .limits, .lessons, .recommendations])
        #expect(practice.period == StatedPeriod(startYear: 2019, endYear: 2022, text: "من 2019 إلى 2022"))
        #expect(try section(practice, titled: "الأهداف").items.count == 2)
        #expect(try section(practice, titled: "النتائج").quotes == [Quote(text: "لم نعد نتشاجر على الماء منذ امتلأ الحوض", speaker: "مزارع من الجمعية")])
    }

    @Test(arguments: [
        ("Objectifs de la démarche", SectionKey.objectives), ("Intérêt de la démarche pour le RRMA", .interest),
        ("Mise en œuvre", .approach), ("2. Les résultats", .results), ("Principaux enseignements", .lessons),
        ("LESSONS LEARNED", .lessons), ("Leviers d'action", .levers), ("Facteurs de réussite", .levers),
        ("Points de vigilance", .limits), ("Prochaines étapes", .perspectives), ("Témoignages", .quotes),
        ("Acteurs impliqués", .actors), ("Background", .contextNeed), ("Collectivités ciblées", .targets),
        ("Problématique", .contextNeed), ("Acteurs", .actors), ("Contexte local", .contextNeed),
        ("Situation de départ", .contextNeed), ("Problèmes constatés", .contextNeed), ("Public et territoires ciblés", .targets),
        ("Historique", .contextNeed), ("General objectives", .objectives), ("Specific objectives", .objectives),
        ("Main findings", .results), ("Key findings", .results), ("Méthode de travail", .approach),
        ("Recommendations (to further improve the service)", .recommendations), ("III. Difficultés rencontrées", .limits),
        ("السياق", .contextNeed), ("الخلفية", .contextNeed), ("المشكلة", .contextNeed), ("الأهداف", .objectives),
        ("المنهجية", .approach), ("المقاربة", .approach), ("النتائج", .results), ("الجدول الزمني", .calendar),
        ("الموارد", .resources), ("التمويل", .resources), ("الفاعلون", .actors), ("الشركاء", .actors), ("الأدوات", .tools),
        ("عوامل النجاح", .levers), ("الصعوبات", .limits), ("التحديات", .limits), ("الدروس المستفادة", .lessons),
        ("التوصيات", .recommendations), ("الآفاق", .perspectives), ("شهادات", .quotes), ("سياق المشروع", .contextNeed),
        ("الأهدَاف", .objectives),
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

    @Test(arguments: [
        ("« Nous avons appris ensemble. » (un élu)", "Nous avons appris ensemble.", "un élu"),
        ("« Nous avons appris ensemble. » — un élu", "Nous avons appris ensemble.", "un élu"),
        ("« Nous avons appris ensemble », explique un élu.", "Nous avons appris ensemble", "un élu"),
        ("« Nous avons appris ensemble », a déclaré le maire.", "Nous avons appris ensemble", "le maire"),
        ("Un élu : « Nous avons appris ensemble. »", "Nous avons appris ensemble.", "Un élu"),
        ("“We learned together,” said the mayor.", "We learned together", "the mayor"),
        ("\"We learned together,\" the mayor said.", "We learned together", "the mayor"),
        ("«تعلمنا معا» قال رئيس الجماعة", "تعلمنا معا", "رئيس الجماعة"),
    ])
    func quoteForms(_ paragraph: String, _ text: String, _ speaker: String) {
        let practice = PracticeDocumentParser.parse("Résultats\n\n\(paragraph)\n")
        #expect(practice.sections.first?.quotes == [Quote(text: text, speaker: speaker)])
        #expect(practice.sections.first?.text == "")
    }

    @Test(arguments: [
        ("Le projet s'est déroulé de 2021 à 2023.", 2021, 2023), ("Phase 2019-2022 du programme", 2019, 2022),
        ("Un partenariat actif depuis 2012.", 2012, nil), ("From 2018 to 2020 the network grew.", 2018, 2020),
        ("Entre 2015 et 2017, trois missions.", 2015, 2017), ("Since 2010, the plant has run.", 2010, nil),
        ("نفذ المشروع من 2019 إلى 2022", 2019, 2022), ("منذ 2012", 2012, nil), ("2019–2021", 2019, 2021),
    ])
    func statedPeriods(_ text: String, _ start: Int, _ end: Int?) {
        let period = StatedPeriod.find(in: text)
        #expect(period?.startYear == start)
        #expect(period?.endYear == end)
    }

    @Test(arguments: ["Un projet de 2 ans.", "Le 12/03/2021, réunion.", "Tél. 0612345678", "Between 2022 and 2019"])
    func numbersThatAreNoPeriod(_ text: String) {
        #expect(StatedPeriod.find(in: text) == nil)
    }

    @Test(arguments: [
        ("**Contexte** du *projet*", "Contexte du projet"), ("__gras__ et _italique_", "gras et italique"),
        ("voir [le site](https://example.org)", "voir le site (https://example.org)"), ("![carte](carte.png) du bassin", "carte du bassin"),
        ("snake_case_name reste", "snake_case_name reste"), ("2 * 3 * 4", "2 * 3 * 4"), ("`code`", "code"),
    ])
    func inlineMarkupIsRemoved(_ line: String, _ plain: String) {
        #expect(InlineMarkup.plainText(line) == plain)
    }

    @Test func numberedHeadingsAreHeadingsAndNumberedListsStayLists() {
        let text = """
            Titre de la fiche
            1. Contexte
            Le réseau fuyait.
            2. Objectifs
            1. Réduire les pertes
            2. Former les agents
            3. Résultats
            Les pertes ont baissé.
            """
        let practice = PracticeDocumentParser.parse(text)
        #expect(practice.title == "Titre de la fiche")
        #expect(practice.sections.map(\.key) == [.contextNeed, .objectives, .results])
        #expect(practice.sections.map(\.title) == ["1. Contexte", "2. Objectifs", "3. Résultats"])
        #expect(practice.sections[1].items == ["1. Réduire les pertes", "2. Former les agents"])
    }

    /// In a document that marks its headings with styles, a plain short line is text, a bold one a heading.
    @Test func inAStyledDocumentOnlyBoldLinesAreUnknownHeadings() {
        let outline = DocumentOutline(blocks: [
            .heading(level: 0, text: "Une fiche"),
            .heading(level: 1, text: "Contexte"),
            .paragraph(lines: ["Une remarque maison"], emphasised: false),
            .paragraph(lines: ["Le réseau fuyait."], emphasised: false),
            .heading(level: 1, text: "Résultats"),
            .paragraph(lines: ["Une remarque maison en gras"], emphasised: true),
            .paragraph(lines: ["Les pertes ont baissé."], emphasised: false),
        ])
        let practice = PracticeDocumentParser.parse(outline)
        #expect(practice.title == "Une fiche")
        #expect(practice.sections.map(\.title) == ["Contexte", "Résultats", "Une remarque maison en gras"])
        #expect(practice.sections.map(\.key) == [.contextNeed, .results, .other])
        #expect(practice.sections[0].text == "Une remarque maison\n\nLe réseau fuyait.")
    }

    /// A paragraph wrapped at a fixed width stays one paragraph, even where a line could pass for a heading.
    @Test func hardWrappedTextIsNotCutIntoHeadings() {
        let text = """
            Résultats
            Le projet a permis de renforcer les compétences des agents techniques de la
            Municipalité de Tubas et des services de la Région, qui ont ensuite porté
            ensemble une demande de financement pour la deuxième phase du programme.
            """
        let practice = PracticeDocumentParser.parse(text)
        #expect(practice.sections.map(\.key) == [.results])
        #expect(practice.sections[0].text.hasPrefix("Le projet a permis") && practice.sections[0].text.hasSuffix("programme."))
    }
}
