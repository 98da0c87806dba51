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

    /// For French spreadsheets, codes and periods stay text (`="2020-03"`, not a date); only what
    /// this server writes as a code takes that form.
    @Test func frenchSpreadsheetsKeepCodesAndPeriodsAsText() {
        let french = CSVWriter(separator: ";", byteOrderMark: false)
        #expect(french.codeField("2020-03") == #"="2020-03""#)
        #expect(french.codeField("6.1.1") == #"="6.1.1""#)
        #expect(french.codeField("MA-TAR") == #"="MA-TAR""#)
        #expect(french.codeField("=1+1") == "'=1+1")
        #expect(french.codeField("a;b") == #""a;b""#)
        #expect(CSVWriter().codeField("2020-03") == "2020-03")
        let table = ReportTable(name: "t", columns: ["Code", "Période"], rows: [[.code("6.1.1"), .code("2020")]])
        #expect(french.write(table, sources: []) == "Code;Période\r\n=\"6.1.1\";=\"2020\"\r\n")
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
        // The title, the day it was made, a blank row, then the frozen bold header.
        #expect(sheet.contains(#"<c r="A1" t="inlineStr" s="8"><is><t xml:space="preserve">Comparaison — FR, MA</t>"#))
        #expect(sheet.contains(#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">Produit par Seguia le "#))
        #expect(sheet.contains(#"<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<c r="A4" t="inlineStr" s="1">"#))
        #expect(sheet.contains(#"<c r="C5" s="4"><v>99.70415</v></c>"#))
        #expect(sheet.contains(#"<c r="D5" s="4"><v>-2.5</v></c>"#))
        #expect(sheet.contains(#"<c r="E5" t="inlineStr" s="2">"#))
        // A source is its number; the sources sheet holds it once, neutralised.
        #expect(sheet.contains(#"<c r="F5" t="inlineStr"><is><t xml:space="preserve">[1]</t>"#))
        #expect(!sheet.contains("<f>") && !sheet.contains("HYPERLINK"))
        #expect(sheet.contains("<col min=\"5\" max=\"5\""))
        #expect(sheet.contains(#"<autoFilter ref="A4:F6"/>"#))
        #expect(sheet.contains(#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#))
        #expect(sheet.contains(#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#))
        let workbook = try part("xl/workbook.xml")
        #expect(workbook.contains(#"<sheet name="Sources" sheetId="2""#))
        #expect(workbook.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'Dernières valeurs'!$4:$4</definedName>"#))
        let sources = try part("xl/worksheets/sheet2.xml")
        #expect(sources.contains("1 cellule sur 2"))
        #expect(sources.contains(#"<c r="B2" t="inlineStr" s="2"><is><t xml:space="preserve">=HYPERLINK(&quot;"#))
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
