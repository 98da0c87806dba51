import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SeguiaCore

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

/// How deep a reader is inside elements whose text is not the document's (deleted text, field
/// codes, fallback copies): everything under them is ignored.
struct SkippedElements {
    let names: Set<String>
    private(set) var depth = 0

    init(_ names: Set<String>) {
        self.names = names
    }

    var isSkipping: Bool { depth > 0 }

    /// Whether the element starting now is ignored, with all it holds.
    mutating func enter(_ name: String) -> Bool {
        guard depth > 0 || names.contains(name) else { return false }
        depth += 1
        return true
    }

    /// Whether the element ending now was ignored.
    mutating func leave() -> Bool {
        guard depth > 0 else { return false }
        depth -= 1
        return true
    }
}
