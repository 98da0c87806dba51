import Foundation
import SeguiaCore
import SeguiaExport
import Testing
import ZIPFoundation

@Suite struct ReportWriterTests {
    private let document = ReportDocument(
        title: "Comparaison — FR, MA", subtitle: "", language: .fr, notes: ["1 cellule sur 2 n'a pas de valeur."],
        tables: [
            ReportTable(
                name: "Dernières valeurs", columns: ["Code", "Territoire", "Valeur", "Évolution", "Note", "Source"],
                rows: [
                    [.text("6.1.1"), .text("FR"), .number(Decimal(string: "99.70415")!, decimals: 1), .number(-2.5, decimals: 1), .text("-3 points"), .source(1)],
                    [.text("6.1.1"), .text("MA"), .empty, .empty, .text("a \"quoted\"; text\nover two lines"), .empty],
                ])
        ],
        charts: [
            ReportChart(
                kind: .lines, title: "6.1.1", unit: "%", direction: "Plus haut, c'est mieux.", categories: ["2019", "2020", "2021"],
                series: [.init(name: "FR", values: [97, nil, 99]), .init(name: "MA", values: [nil, nil, nil])], decimals: 1)
        ],
        sources: ["=HYPERLINK(\"http://example.org\",\"clic\")"], fileStem: "comparaison-FR-MA-2021")

    @Test func csvQuotesNeutralisesAndKeepsNumbersNumbers() {
        let csv = CSVWriter().write(document.tables[0], sources: document.sources)
        #expect(csv.hasPrefix("\u{FEFF}Code,Territoire,Valeur,Évolution,Note,Source\r\n"))
        #expect(csv.contains(#",99.70415,-2.5,'-3 points,"'=HYPERLINK(""http://example.org"",""clic"")""#))
        #expect(csv.contains("\"a \"\"quoted\"\"; text\nover two lines\""))
        let french = CSVWriter(separator: ";", byteOrderMark: false).write(document.tables[0], sources: document.sources)
        #expect(french.hasPrefix("Code;Territoire"))
        #expect(french.contains(";99,70415;-2,5;"))
        #expect(french.contains("\"a \"\"quoted\"\"; text\nover two lines\""))
    }

    @Test func workbooksHaveEveryPartAFrozenBoldHeaderAndTypedCells() throws {
        let data = try XLSXWriter().write(document)
        let archive = try Archive(data: data, accessMode: .read)
        func part(_ path: String) throws -> String {
            var bytes = Data()
            _ = try archive.extract(try #require(archive[path], "\(path)")) { bytes.append($0) }
            return String(decoding: bytes, as: UTF8.self)
        }
        for path in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "docProps/core.xml"] {
            #expect(try !part(path).isEmpty)
        }
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<c r="A1" t="inlineStr" s="1">"#))
        #expect(sheet.contains(#"<c r="C2" s="4"><v>99.70415</v></c>"#))
        #expect(sheet.contains(#"<c r="D2" s="4"><v>-2.5</v></c>"#))
        #expect(sheet.contains(#"<c r="E2" t="inlineStr" s="2">"#))
        #expect(sheet.contains(#"<c r="F2" t="inlineStr" s="2"><is><t xml:space="preserve">=HYPERLINK(&quot;"#))
        #expect(!sheet.contains("<f>"))
        #expect(sheet.contains("<col min=\"5\" max=\"5\""))
        #expect(try part("xl/workbook.xml").contains(#"<sheet name="Sources" sheetId="2""#))
        #expect(try part("xl/worksheets/sheet2.xml").contains("1 cellule sur 2"))
    }

    @Test func markdownAndHTMLShowTheSameCellsAndSources() throws {
        let markdown = MarkdownWriter().write(document)
        #expect(markdown.contains("| 6.1.1 | FR | 99.7 | -2.5 | -3 points | [1] |"))
        #expect(markdown.contains("a \"quoted\"; text<br>over two lines"))
        #expect(markdown.contains("1. =HYPERLINK"))
        let html = try HTMLWriter().write(document)
        #expect(html.contains("<td class=\"number\">99.7</td>"))
        #expect(html.contains("=HYPERLINK(&quot;http://example.org&quot;"))
        #expect(html.contains("lang=\"fr\" dir=\"ltr\""))
        // One line chart; its FR series breaks at the missing 2020 (two separate points, no segment),
        // and MA, without any value, draws nothing.
        #expect(html.components(separatedBy: "<svg").count == 2)
        #expect(!html.contains("<polyline"))
        #expect(html.contains("<desc id=\"chart1-desc\">Plus haut, c&#39;est mieux. FR: 2019 97.0, 2020 aucune valeur, 2021 99.0"))
        var arabic = document
        arabic.language = .ar
        #expect(try HTMLWriter().write(arabic).contains("lang=\"ar\" dir=\"rtl\""))
    }

    @Test func fileNamesAreASCII() {
        var named = document
        named.fileStem = "pratique-clé en Méditerranée"
        #expect(ReportRenderer.fileName(named, format: .xlsx) == "pratique-cl--en-M-diterran-e.xlsx")
        #expect(ReportRenderer.fileName(document, format: .csv) == "comparaison-FR-MA-2021.csv")
    }

    /// JSON is the HTTP layer's to encode: asked of the renderer it is an error, not a crash.
    @Test func jsonAskedOfTheRendererIsAnError() {
        #expect(throws: ReportRenderingError.self) { try ReportRenderer().render(document, as: .json) }
    }
}
