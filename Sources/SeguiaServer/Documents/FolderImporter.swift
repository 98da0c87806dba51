import Foundation
import Logging
import SeguiaCore
import SeguiaExport
import SeguiaStore

/// Brings a shared drive's folder in: every file of a kind Seguia keeps becomes a document, its
/// subfolders its tags, its kind guessed from its path, its language from its words, its date
/// from its name (`2022-03-14`, `2022-03`) or else the file's own date. A file whose bytes are
/// already in Seguia is skipped and counted; one that cannot be kept is counted and named.
public struct FolderImporter: Sendable {
    let writer: DocumentWriter
    let upload: DocumentUpload
    let author: Identity
    let confidentiality: Confidentiality
    let links: DocumentLinks
    let dryRun: Bool
    let logger: Logger

    public init(
        writer: DocumentWriter, upload: DocumentUpload, author: Identity, confidentiality: Confidentiality, links: DocumentLinks, dryRun: Bool,
        logger: Logger
    ) {
        self.writer = writer
        self.upload = upload
        self.author = author
        self.confidentiality = confidentiality
        self.links = links
        self.dryRun = dryRun
        self.logger = logger
    }

    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        public var files = 0
        public var added = 0
        public var duplicates = 0
        public var notKept = 0
        public var failed = 0

        public var description: String {
            "\(files) files: \(added) added, \(duplicates) already in Seguia (skipped), \(notKept) not of a kind kept, \(failed) failed"
        }
    }

    public func run(_ root: URL, progress: (String) -> Void) async throws -> Summary {
        let files = Self.files(in: root)
        var summary = Summary()
        summary.files = files.count
        for (index, file) in files.enumerated() {
            let relative = file == root.standardizedFileURL ? file.lastPathComponent : String(file.path.dropFirst(root.path.count + 1))
            let prefix = "[\(index + 1)/\(files.count)] \(relative)"
            do {
                let slice = try FileSlice(wholeFileAt: file)
                let type: DocumentFileType
                do {
                    type = try upload.identify(slice, fileName: file.lastPathComponent)
                } catch DocumentUpload.Refusal.tooLarge {
                    summary.notKept += 1
                    progress("\(prefix) — not kept: over \(DocumentFileType.maximumBytes >> 20) MiB")
                    continue
                } catch DocumentUpload.Refusal.unsupported {
                    summary.notKept += 1
                    progress("\(prefix) — not kept: not a kind of file Seguia keeps, or its bytes are not what its name says")
                    continue
                }
                let sha256 = try await slice.sha256()
                let existing = try await writer.documents(withSHA256: sha256, logger: logger)
                if let first = existing.first {
                    summary.duplicates += 1
                    progress("\(prefix) — already in Seguia (document \(first)), skipped")
                    continue
                }
                let text = try await upload.text(of: slice, type: type, logger: logger)
                let metadata = metadata(for: file, relative: relative, type: type, text: text)
                if dryRun {
                    summary.added += 1
                    progress("\(prefix) — would be added (\(metadata.kind.rawValue), \(metadata.language?.rawValue ?? "?"), \(metadata.date ?? "no date"))")
                    continue
                }
                let added = try await writer.add(
                    metadata, file: slice, sha256: sha256, fileName: file.lastPathComponent, type: type, text: text, by: author, logger: logger)
                summary.added += 1
                progress("\(prefix) — added as document \(added.id) (\(metadata.kind.rawValue), \(metadata.language?.rawValue ?? "?"))")
            } catch {
                summary.failed += 1
                progress("\(prefix) — failed: \(error)")
            }
        }
        return summary
    }

    func metadata(for file: URL, relative: String, type: DocumentFileType, text: String?) -> DocumentMetadata {
        let folders = relative.split(separator: "/").dropLast().map(String.init)
        let stem = file.deletingPathExtension().lastPathComponent
        let title = stem.replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: .whitespaces)
        let language = text.map { TextMatcher.guessLanguage($0) } ?? TextMatcher.guessLanguage(title)
        let modified = (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date) ?? nil
        return DocumentMetadata(
            title: title.isEmpty ? file.lastPathComponent : String(title.prefix(300)),
            kind: DocumentKind.guess(fromPath: relative, mediaType: type.mediaType), language: language,
            date: Self.date(in: stem) ?? modified.map { $0.formatted(Date.ISO8601FormatStyle().year().month().day()) },
            confidentiality: confidentiality, organisation: author.organisation, tags: Array(folders.suffix(DocumentMetadata.maximumTags)), links: links)
    }

    /// A day written in a file's name: `2022-03-14`, `2022_03_14`, `20220314`, or a month (`2022-03`, its first day).
    static func date(in name: String) -> String? {
        let patterns = [
            #"(?<![0-9])((?:19|20)[0-9]{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12][0-9]|3[01])(?![0-9])"#,
            #"(?<![0-9])((?:19|20)[0-9]{2})[-_.](0[1-9]|1[0-2])(?![0-9])"#,
        ]
        for pattern in patterns {
            guard let expression = try? NSRegularExpression(pattern: pattern),
                let match = expression.firstMatch(in: name, range: NSRange(name.startIndex..., in: name))
            else { continue }
            let parts = (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: name).map { String(name[$0]) } }
            let day = parts.count == 3 ? parts[2] : "01"
            let candidate = "\(parts[0])-\(parts[1])-\(day)"
            if DocumentMetadata(title: "x", date: candidate).issues().isEmpty { return candidate }
        }
        return nil
    }

    /// Every regular file under `root`, hidden ones and links aside, in name order; `root` itself when it is a file.
    static func files(in root: URL) -> [URL] {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), !isFolder.boolValue { return [root.standardizedFileURL] }
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey], options: [.skipsHiddenFiles])
        else { return [] }
        var found: [URL] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            if values?.isRegularFile == true, values?.isSymbolicLink != true { found.append(url.standardizedFileURL) }
        }
        return found.sorted { $0.path < $1.path }
    }
}

/// Writes every document out in folders: its tags as a path (its kind when it has none), its
/// file's name (numbered when two share it), and an `index.csv` saying what each file is.
public struct FolderExporter: Sendable {
    let repository: DocumentRepository
    let logger: Logger

    public init(repository: DocumentRepository, logger: Logger) {
        self.repository = repository
        self.logger = logger
    }

    public func run(_ root: URL, progress: (String) -> Void) async throws -> Int {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let csv = CSVWriter(separator: ",", byteOrderMark: false)
        var index = csv.line(["id", "path", "title", "kind", "language", "date", "confidentiality", "organisation", "practices", "agreements", "territories", "translation_of", "sha256"])
        var written = 0
        var offset = 0
        while true {
            let page = try await repository.search(DocumentQuery(limit: DocumentQuery.maximumLimit, offset: offset), audience: .administrator, logger: logger)
            if page.items.isEmpty { break }
            for document in page.items {
                let folders = document.metadata.tags.isEmpty ? [document.metadata.kind.rawValue] : document.metadata.tags
                let folder = folders.map(Self.safeName).reduce(root) { $0.appendingPathComponent($1, isDirectory: true) }
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let target = Self.freeName(document.fileName, in: folder)
                guard FileManager.default.createFile(atPath: target.path, contents: nil) else {
                    throw StoreError(description: "cannot write \(target.path)")
                }
                let handle = try FileHandle(forWritingTo: target)
                defer { try? handle.close() }
                let file = try await repository.file(of: document.id, audience: .administrator, logger: logger)
                try await repository.streamBlob(file.blobID, logger: logger) { try handle.write(contentsOf: $0.readableBytesView) }
                let path = String(target.path.dropFirst(root.path.count + 1))
                let metadata = document.metadata
                let cells: [String] = [
                    "\(document.id)", path, metadata.title, metadata.kind.rawValue, metadata.language?.rawValue ?? "", metadata.date ?? "",
                    metadata.confidentiality.rawValue, metadata.organisation ?? "", metadata.links.practices.joined(separator: " "),
                    metadata.links.agreements.joined(separator: " "), metadata.links.territories.joined(separator: " "),
                    metadata.translationOf.map { "\($0)" } ?? "", document.sha256,
                ]
                index += csv.line(cells.map(csv.field))
                written += 1
                progress("\(path)")
            }
            offset += page.items.count
        }
        try Data(index.utf8).write(to: root.appendingPathComponent("index.csv"))
        return written
    }

    static func safeName(_ name: String) -> String {
        let cleaned = name.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: "\\", with: "-").trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty || cleaned == "." || cleaned == ".." ? "_" : cleaned
    }

    static func freeName(_ name: String, in folder: URL) -> URL {
        var candidate = folder.appendingPathComponent(safeName(name))
        let stem = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        var number = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = folder.appendingPathComponent(safeName(ext.isEmpty ? "\(stem) (\(number))" : "\(stem) (\(number)).\(ext)"))
            number += 1
        }
        return candidate
    }
}
