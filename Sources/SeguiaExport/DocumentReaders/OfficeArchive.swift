import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SeguiaCore
import ZIPFoundation

/// A Word or OpenDocument file opened as the ZIP archive it is, with limits that refuse
/// archives that would unpack to absurd sizes or hold absurd numbers of files (zip bombs).
struct OfficeArchive {
    /// Most files an archive may list.
    static let maximumEntries = 10_000
    /// Most bytes all its files may declare once unpacked.
    static let maximumUnpackedBytes: UInt64 = 1 << 30
    /// Most bytes one part that is read may unpack to, whatever it declares.
    static let maximumPartBytes = 128 << 20

    private let archive: Archive
    let paths: Set<String>

    init(_ data: Data, kind: String) throws {
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw DocumentReadError.unreadable("the \(kind) is damaged: it is not a readable ZIP archive")
        }
        var paths: Set<String> = []
        var unpacked: UInt64 = 0
        for entry in archive {
            paths.insert(entry.path)
            unpacked &+= entry.uncompressedSize
            guard paths.count <= Self.maximumEntries else {
                throw DocumentReadError.unreadable("the \(kind) holds more than \(Self.maximumEntries) files: refused")
            }
            guard unpacked <= Self.maximumUnpackedBytes else {
                throw DocumentReadError.unreadable("the \(kind) would unpack to more than 1 GiB: refused")
            }
        }
        guard !paths.isEmpty else { throw DocumentReadError.unreadable("the \(kind) is an empty archive") }
        self.paths = paths
    }

    /// The bytes of a part, or `nil` when the archive has no such part.
    func part(_ path: String, kind: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        do {
            // The XML readers refuse damaged text anyway; the checksum would only double the work.
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                data.append(chunk)
                // Declared sizes can lie; what is actually unpacked is counted too.
                if data.count > Self.maximumPartBytes { throw PartTooLarge() }
            }
        } catch is PartTooLarge {
            throw DocumentReadError.unreadable("the \(kind) has a part that unpacks to more than \(Self.maximumPartBytes >> 20) MiB: refused")
        } catch {
            throw DocumentReadError.unreadable("the \(kind) is damaged: its part \(path) cannot be unpacked")
        }
        return data
    }

    private struct PartTooLarge: Error {}
}

/// Element events of an XML part, with namespaces resolved and attributes keyed by local name.
protocol XMLEventHandler: AnyObject {
    func start(_ name: String, namespace: String?, attributes: [String: String])
    func end(_ name: String, namespace: String?)
    func text(_ text: String)
}

enum XMLEvents {
    static func read(_ data: Data, into handler: some XMLEventHandler, kind: String) throws {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate(handler)
        parser.delegate = delegate
        guard parser.parse() else {
            throw DocumentReadError.unreadable("the \(kind) is damaged: its XML cannot be read (line \(parser.lineNumber))")
        }
    }

    private final class Delegate<Handler: XMLEventHandler>: NSObject, XMLParserDelegate {
        let handler: Handler

        init(_ handler: Handler) {
            self.handler = handler
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            var local: [String: String] = [:]
            for (key, value) in attributes {
                local[key.split(separator: ":").last.map(String.init) ?? key] = value
            }
            handler.start(localName(elementName), namespace: namespaceURI, attributes: local)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            handler.end(localName(elementName), namespace: namespaceURI)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            handler.text(string)
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            handler.text(String(decoding: CDATABlock, as: UTF8.self))
        }

        private func localName(_ name: String) -> String {
            name.split(separator: ":").last.map(String.init) ?? name
        }
    }
}

/// Text gathered from runs: white space folded, line breaks kept, bold tracked.
struct RunText {
    private(set) var text = ""
    /// False once any visible character is not bold.
    private(set) var allBold = true
    private(set) var hasVisibleText = false

    mutating func append(_ piece: String, bold: Bool) {
        text += piece
        if piece.contains(where: { !$0.isWhitespace }) {
            hasVisibleText = true
            if !bold { allBold = false }
        }
    }

    mutating func lineBreak() {
        text += "\n"
    }

    /// The lines, each with its white space folded, empty ones dropped.
    var lines: [String] {
        text.split(separator: "\n").map { line in
            line.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }.filter { !$0.isEmpty }
    }

    var singleLine: String { lines.joined(separator: " ") }
}

/// Heading levels from style names the way word processors write them in several languages.
enum StyleNames {
    /// 0 for a title style, 1–9 for headings, `nil` for anything else.
    static func headingLevel(_ name: String) -> Int? {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            .replacingOccurrences(of: "_20_", with: " ")
        if ["title", "titre", "titel", "titulo", "titolo", "العنوان"].contains(folded) { return 0 }
        let prefixes = ["heading", "titre", "title", "uberschrift", "titulo", "titolo", "kop", "naglowek", "rubrik", "عنوان"]
        for prefix in prefixes where folded.hasPrefix(prefix) {
            let rest = folded.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            if let level = Int(rest), (1...9).contains(level) { return level }
        }
        return nil
    }

    static func isQuote(_ name: String) -> Bool {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return ["quote", "intense quote", "citation", "citation intense", "quotations", "quotation", "zitat"].contains(folded)
    }

    static func isList(_ name: String) -> Bool {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return folded.hasPrefix("list") || folded.hasPrefix("paragraphe de liste") || folded.hasPrefix("liste")
    }

    /// Tables of contents repeat the headings: their paragraphs are left out.
    static func isTableOfContents(_ name: String) -> Bool {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            .replacingOccurrences(of: "_20_", with: " ")
        return folded.hasPrefix("toc") || folded.hasPrefix("contents") || folded.hasPrefix("table des matieres")
            || folded.hasPrefix("tm ")
    }
}
