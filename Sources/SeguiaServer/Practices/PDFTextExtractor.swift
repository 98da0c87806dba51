import Foundation
import SeguiaCore
import SeguiaEmbeddedPostgres
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
        let text = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").replacingOccurrences(of: "\u{0}", with: "")
        guard text.contains(where: { $0.isLetter }) else {
            throw DocumentReadError.unreadable("the PDF holds no text (a scanned document?): Seguia reads text, not images; run OCR on it first")
        }
        var outline = PlainTextReader.outline(Self.joinedLines(text))
        outline.metadata += await properties(input)
        return outline
    }

    /// Page numbers alone on a line dropped, words hyphenated across a line end joined, right-to-left
    /// lines put back in reading order.
    static func joinedLines(_ text: String) -> String {
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // pdftotext ends each page with a blank line and a form feed: a page break, not a paragraph's end.
            if raw.hasPrefix("\u{000C}"), lines.last?.isEmpty == true { lines.removeLast() }
            let line = readingOrder(raw.replacingOccurrences(of: "\u{000C}", with: ""))
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

    /// pdftotext wraps runs of Arabic and of numbers in directional embeddings and leaves the
    /// punctuation of a right-to-left line where it was drawn: a full stop first, a bullet last.
    /// The embeddings go (each a space), and such punctuation goes back to its logical place.
    static func readingOrder(_ line: String) -> String {
        let controls: Set<UInt32> = [0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
        var scalars = String.UnicodeScalarView()
        for scalar in line.unicodeScalars { scalars.append(controls.contains(scalar.value) ? " " : scalar) }
        var text = String(scalars).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        let letters = text.unicodeScalars.filter(\.properties.isAlphabetic)
        guard !letters.isEmpty, letters.filter({ (0x0600...0x06FF).contains($0.value) }).count * 2 > letters.count else { return text }
        let closing: Set<Character> = [".", "،", "؛", ":", "!", "؟", "?"]
        var moved = ""
        while let first = text.first, closing.contains(first) {
            moved.append(first)
            text = String(text.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        text += moved
        // A bullet or an opening quotation mark drawn at the right edge opens the line.
        if let last = text.last, "-•–«".contains(last), text.count > 2 {
            let rest = text.dropLast().trimmingCharacters(in: .whitespaces)
            text = last == "«" ? "«" + rest : String(last) + " " + rest
        }
        return text
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
