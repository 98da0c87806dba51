import Foundation
import SeguiaCore

/// `styles.xml`: each paragraph style's name, parent, outline level, numbering and boldness.
final class WordStyles: XMLEventHandler {
    struct Style {
        var name: String?
        var basedOn: String?
        var outlineLevel: Int?
        var numbered = false
        var bold: Bool?
    }

    /// What a paragraph of a style is, with its parents' settings applied.
    struct Resolved {
        var headingLevel: Int?
        var isQuote = false
        var isList = false
        var isTableOfContents = false
        var bold = false
    }

    private var styles: [String: Style] = [:]
    private var current: String?
    private var inParagraphProperties = false
    private var inRunProperties = false

    func start(_ name: String, namespace: String?, attributes: [String: String]) {
        switch name {
        case "style":
            current = attributes["type"] == "paragraph" || attributes["type"] == nil ? attributes["styleId"] : nil
            if let current { styles[current] = Style() }
        case "name": if let current { styles[current]?.name = attributes["val"] }
        case "basedOn": if let current { styles[current]?.basedOn = attributes["val"] }
        case "pPr": inParagraphProperties = true
        case "rPr": inRunProperties = true
        case "outlineLvl": if let current, inParagraphProperties { styles[current]?.outlineLevel = attributes["val"].flatMap(Int.init) }
        case "numPr": if let current, inParagraphProperties { styles[current]?.numbered = true }
        case "b": if let current, inRunProperties, !inParagraphProperties { styles[current]?.bold = WordBody.isOn(attributes["val"]) }
        default: break
        }
    }

    func end(_ name: String, namespace: String?) {
        switch name {
        case "style": current = nil
        case "pPr": inParagraphProperties = false
        case "rPr": inRunProperties = false
        default: break
        }
    }

    func text(_ text: String) {}

    func resolved() -> [String: Resolved] {
        var result: [String: Resolved] = [:]
        for id in styles.keys {
            var chain: [Style] = []
            var next: String? = id
            while let key = next, let style = styles[key], chain.count < 20 {
                chain.append(style)
                next = style.basedOn
            }
            var resolved = Resolved()
            let names = chain.compactMap(\.name) + [id]
            let own = chain.first?.name ?? id
            resolved.headingLevel = StyleNames.headingLevel(own) ?? StyleNames.headingLevel(id)
            if resolved.headingLevel == nil, let level = chain.lazy.compactMap(\.outlineLevel).first, level < 9 {
                resolved.headingLevel = level + 1
            }
            if resolved.headingLevel == nil { resolved.headingLevel = names.lazy.compactMap(StyleNames.headingLevel).first }
            resolved.isQuote = names.contains(where: StyleNames.isQuote)
            resolved.isList = chain.contains(where: \.numbered) || names.contains(where: StyleNames.isList)
            resolved.isTableOfContents = names.contains(where: StyleNames.isTableOfContents)
            resolved.bold = chain.lazy.compactMap(\.bold).first ?? false
            result[id] = resolved
        }
        return result
    }
}
