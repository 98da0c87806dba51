import Foundation
import SeguiaCore

/// Renders a report document in one of the download formats (JSON is the API's own).
public struct ReportRenderer: Sendable {
    public var csvSeparator: Character
    public var byteOrderMark: Bool

    public init(csvSeparator: Character = ",", byteOrderMark: Bool = true) {
        self.csvSeparator = csvSeparator
        self.byteOrderMark = byteOrderMark
    }

    public func render(_ document: ReportDocument, as format: ReportFormat) throws -> Data {
        switch format {
        case .csv:
            let writer = CSVWriter(separator: csvSeparator, byteOrderMark: byteOrderMark)
            let table = document.tables.first ?? ReportTable(name: "", columns: [], rows: [])
            return Data(writer.write(table, sources: document.sources).utf8)
        case .xlsx: return try XLSXWriter().write(document)
        case .md: return Data(MarkdownWriter().write(document).utf8)
        case .html: return Data(try HTMLWriter().write(document).utf8)
        case .json: throw ReportRenderingError(description: "JSON reports are encoded by the HTTP layer, not rendered here")
        }
    }

    /// `comparaison-FR-MA-PS-2024.xlsx`: ASCII letters, digits, `-` and `.` only.
    public static func fileName(_ document: ReportDocument, format: ReportFormat) -> String {
        fileName(stem: document.fileStem, extension: format.rawValue)
    }

    /// A download name a `Content-Disposition` header carries as is: other characters become `-`.
    public static func fileName(stem: String, extension: String) -> String {
        String(stem.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "-" }) + "." + `extension`
    }
}

/// A report asked of a renderer that does not write its format.
public struct ReportRenderingError: Error, CustomStringConvertible {
    public var description: String
}
