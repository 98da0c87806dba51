import Foundation
import SeguiaCore
import ZIPFoundation

/// Writes a report as an Office Open XML workbook: one sheet per table and a sheet of sources.
/// Each table sheet opens with the report's title, its question and the day it was made; the
/// column headers are bold and frozen (and repeated on every printed page), numbers are numbers
/// shown with the indicator's decimals, text is inline text (never a formula; text a spreadsheet
/// would read as one is marked with Excel's quote prefix), a source is its number in the sources
/// sheet (each source written once), column widths are set, pages print landscape and fit to
/// the width, and Arabic sheets read right to left.
public struct XLSXWriter: Sendable {
    public init() {}

    public func write(_ document: ReportDocument) throws -> Data {
        let text = ReportText(document.language)
        var sheets: [(name: String, xml: String)] = []
        var names: Set<String> = []
        let made = "\(text["generated"]) \(ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate]))"
        let heading = [document.title, document.subtitle, made].filter { !$0.isEmpty }
        for table in document.tables {
            sheets.append(
                (uniqueName(table.name, taken: &names), sheet(table, heading: heading, rightToLeft: document.language == .ar)))
        }
        let sourceTable = ReportTable(
            name: text["sources"], columns: ["#", text["source"]],
            rows: document.sources.enumerated().map { [.number(Decimal($0.offset + 1), decimals: 0), .text($0.element)] }
                + document.notes.map { [.empty, .text($0)] })
        sheets.append((uniqueName(sourceTable.name, taken: &names), sheet(sourceTable, heading: [], rightToLeft: document.language == .ar)))

        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ content: String) throws {
            let data = Data(content.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        try add("[Content_Types].xml", contentTypes(sheetCount: sheets.count))
        try add("_rels/.rels", Self.packageRelationships)
        try add("docProps/core.xml", core(title: document.title))
        try add("docProps/app.xml", Self.app)
        try add("xl/workbook.xml", workbook(sheetNames: sheets.map(\.name), headerRow: heading.count + 2, tableSheets: document.tables.count))
        try add("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count))
        try add("xl/styles.xml", Self.styles)
        for (index, sheet) in sheets.enumerated() { try add("xl/worksheets/sheet\(index + 1).xml", sheet.xml) }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    // MARK: Sheets

    /// Style indexes of `styles`' cellXfs.
    private enum Style {
        static let header = 1
        static let quotePrefixed = 2
        static func number(decimals: Int) -> Int { 3 + min(max(decimals, 0), 4) }
        static let title = 8
    }

    /// `heading`: lines above the table (title first), then a blank row, then the column headers.
    private func sheet(_ table: ReportTable, heading: [String], rightToLeft: Bool) -> String {
        var widths = table.columns.map { $0.count }
        var rows = ""
        for (index, line) in heading.enumerated() {
            rows += row(index + 1, [inlineText(line, column: 0, row: index + 1, style: index == 0 ? Style.title : nil)])
        }
        let headerRow = heading.isEmpty ? 1 : heading.count + 2
        rows += row(headerRow, table.columns.enumerated().map { inlineText($1, column: $0, row: headerRow, style: Style.header) })
        for (offset, cells) in table.rows.enumerated() {
            let number = headerRow + 1 + offset
            var xml: [String] = []
            for (column, cell) in cells.enumerated() {
                switch cell {
                case .text(let text), .code(let text):
                    xml.append(inlineText(text, column: column, row: number, style: nil))
                    widths[column] = max(widths[column], text.count)
                case .number(let value, let decimals):
                    xml.append("<c r=\"\(reference(column, number))\" s=\"\(Style.number(decimals: decimals))\"><v>\(value.description)</v></c>")
                    widths[column] = max(widths[column], ReportNumber.format(value, decimals: decimals).count)
                case .source(let index):
                    xml.append(inlineText("[\(index)]", column: column, row: number, style: nil))
                case .empty:
                    continue
                }
            }
            rows += row(number, xml)
        }
        let columns = widths.enumerated().map { index, width in
            "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(min(max(width, 6), 60) + 2)\" customWidth=\"1\"/>"
        }.joined()
        let last = reference(max(table.columns.count - 1, 0), headerRow + table.rows.count)
        let firstHeader = reference(0, headerRow)
        let firstData = reference(0, headerRow + 1)
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>\
            <dimension ref="A1:\(last)"/>\
            <sheetViews><sheetView workbookViewId="0"\(rightToLeft ? " rightToLeft=\"1\"" : "")>\
            <pane ySplit="\(headerRow)" topLeftCell="\(firstData)" activePane="bottomLeft" state="frozen"/>\
            <selection pane="bottomLeft" activeCell="\(firstData)" sqref="\(firstData)"/></sheetView></sheetViews>\
            <sheetFormatPr defaultRowHeight="15"/><cols>\(columns)</cols><sheetData>\(rows)</sheetData>\
            <autoFilter ref="\(firstHeader):\(last)"/>\
            <pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>\
            <pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>
            """
    }

    private func row(_ number: Int, _ cells: [String]) -> String {
        "<row r=\"\(number)\">" + cells.joined() + "</row>"
    }

    private func inlineText(_ text: String, column: Int, row: Int, style: Int?) -> String {
        let styleIndex = style ?? (CSVWriter.looksLikeFormula(text) ? Style.quotePrefixed : nil)
        return "<c r=\"\(reference(column, row))\" t=\"inlineStr\"\(styleIndex.map { " s=\"\($0)\"" } ?? "")>"
            + "<is><t xml:space=\"preserve\">\(Self.escape(text))</t></is></c>"
    }

    /// `A1` notation.
    private func reference(_ column: Int, _ row: Int) -> String {
        var name = ""
        var index = column + 1
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name + String(row)
    }

    /// Sheet names: at most 31 characters, none of `[]:*?/\`, unique in the workbook.
    private func uniqueName(_ wanted: String, taken: inout Set<String>) -> String {
        let cleaned = String(wanted.filter { !"[]:*?/\\".contains($0) }.prefix(28))
        var name = cleaned.isEmpty ? "Sheet" : cleaned
        var counter = 2
        while taken.contains(name.lowercased()) {
            name = "\(cleaned.prefix(25)) \(counter)"
            counter += 1
        }
        taken.insert(name.lowercased())
        return name
    }

    /// XML text: markup escaped, and characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { escaped.unicodeScalars.append(scalar) }
            }
        }
        return escaped
    }

    // MARK: Package parts

    private func contentTypes(sheetCount: Int) -> String {
        let sheets = (1...sheetCount).map {
            "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
            <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
            \(sheets)</Types>
            """
    }

    private static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """

    private static let app = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Seguia</Application></Properties>
        """

    private func core(title: String) -> String {
        let now = ISO8601DateFormatter().string(from: Date())
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:title>\(Self.escape(title))</dc:title><dc:creator>Seguia</dc:creator>\
            <dcterms:created xsi:type="dcterms:W3CDTF">\(now)</dcterms:created></cp:coreProperties>
            """
    }

    /// The table sheets (the first `tableSheets`) print their header row on every page.
    private func workbook(sheetNames: [String], headerRow: Int, tableSheets: Int) -> String {
        let sheets = sheetNames.enumerated().map { "<sheet name=\"\(Self.escape($1))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
        let titles = sheetNames.prefix(tableSheets).enumerated().map { index, name in
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">'\(Self.escape(name.replacingOccurrences(of: "'", with: "''")))'!$\(headerRow):$\(headerRow)</definedName>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <bookViews><workbookView activeTab="0"/></bookViews><sheets>\(sheets)</sheets>\
            \(titles.isEmpty ? "" : "<definedNames>\(titles)</definedNames>")</workbook>
            """
    }

    private func workbookRelationships(sheetCount: Int) -> String {
        let sheets = (1...sheetCount).map {
            "<Relationship Id=\"rId\($0)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(sheets)\
            <Relationship Id="rId\(sheetCount + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """
    }

    /// cellXfs: 0 default, 1 bold header, 2 quote-prefixed text, 3…7 numbers with 0…4 decimals, 8 title.
    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="3"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="0.000"/>\
        <numFmt numFmtId="166" formatCode="0.0000"/></numFmts>\
        <fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="9">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>\
        <xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        </cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """
}
