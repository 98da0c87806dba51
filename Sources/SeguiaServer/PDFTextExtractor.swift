import Foundation
import SeguiaCore
import SeguiaStore

/// The text of a PDF, through poppler's `pdftotext` (and its properties through `pdfinfo`),
/// run on a temporary copy with a time limit.
struct PDFTextExtractor: Sendable {
    /// `PATH`-style list of directories searched for the programs.
    let searchPath: String
    static let timeLimit: Duration = .seconds(60)
    static let missingProgram =
        "PDF documents are read with pdftotext, which is not installed on this server: install poppler-utils (apt-get install poppler-utils, brew install poppler)"

    func outline(_ bytes: [UInt8]) async throws -> DocumentOutline {
        guard let pdftotext = program("pdftotext") else { throw DocumentReadError.unsupported(Self.missingProgram) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seguia-pdf-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("document.pdf").path
        let output = folder.appendingPathComponent("document.txt").path
        guard FileManager.default.createFile(atPath: input, contents: Data(bytes)) else {
            throw DocumentReadError.unreadable("the PDF could not be stored for reading")
        }
        let run = try await ProcessRunner.run(pdftotext, ["-enc", "UTF-8", "-eol", "unix", input, output], timeout: Self.timeLimit)
        guard run.status == 0 else {
            if run.text.localizedCaseInsensitiveContains("password") {
                throw DocumentReadError.unreadable("the PDF is protected by a password: send it without protection")
            }
            if run.status >= 128 { throw DocumentReadError.unreadable("the PDF took too long to read: refused") }
            throw DocumentReadError.unreadable("the PDF is damaged: pdftotext could not read it")
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard text.contains(where: { $0.isLetter }) else {
            throw DocumentReadError.unreadable("the PDF holds no text (a scanned document?): Seguia reads text, not images; run OCR on it first")
        }
        var outline = PlainTextReader.outline(Self.joinedLines(text))
        outline.metadata += await properties(input)
        return outline
    }

    /// Page numbers alone on a line dropped, words hyphenated across a line end joined.
    static func joinedLines(_ text: String) -> String {
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.replacingOccurrences(of: "\u{000C}", with: "").trimmingCharacters(in: .whitespaces)
            if !line.isEmpty, line.count <= 4, line.allSatisfy(\.isNumber) { continue }
            if let last = lines.last, last.count > 2, last.hasSuffix("-"), let before = last.dropLast().last, before.isLetter,
                let first = line.first, first.isLetter, first.isLowercase
            {
                lines[lines.count - 1] = String(last.dropLast()) + line
                continue
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Title, author, subject and creation date from `pdfinfo`, without the names word processors put there.
    private func properties(_ path: String) async -> [DocumentOutline.MetadataField] {
        guard let pdfinfo = program("pdfinfo"),
            let run = try? await ProcessRunner.run(pdfinfo, ["-enc", "UTF-8", "-isodates", path], timeout: Self.timeLimit), run.status == 0
        else { return [] }
        let keys: [String: MetadataKey] = ["Title": .title, "Author": .author, "Subject": .subject, "CreationDate": .date]
        var fields: [DocumentOutline.MetadataField] = []
        for line in run.text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let label = String(line[..<colon])
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard let key = keys[label], !value.isEmpty else { continue }
            if key == .title, value.hasPrefix("Microsoft Word - ") || value.range(of: #"\.(docx?|odt|pdf|rtf)$"#, options: .regularExpression) != nil {
                continue
            }
            if key == .date { value = String(value.prefix(10)) }
            fields.append(.init(label: label, key: key, value: value))
        }
        return fields
    }

    private func program(_ name: String) -> String? {
        searchPath.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
