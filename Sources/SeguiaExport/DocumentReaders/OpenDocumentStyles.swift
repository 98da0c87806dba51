import Foundation
import SeguiaCore

/// Paragraph and text styles: parent, display name, outline level, boldness.
class OpenDocumentStyles: XMLEventHandler {
    struct Style {
        var parent: String?
        var displayName: String?
        var outlineLevel: Int?
        var bold: Bool?
    }

    private(set) var styles: [String: Style] = [:]
    private var current: String?

    func start(_ name: String, namespace: String?, attributes: [String: String]) {
        switch name {
        case "style":
            guard let styleName = attributes["name"] else { return }
            current = styleName
            styles[styleName] = Style(
                parent: attributes["parent-style-name"], displayName: attributes["display-name"],
                outlineLevel: attributes["default-outline-level"].flatMap(Int.init))
        case "text-properties":
            if let current, let weight = attributes["font-weight"] { styles[current]?.bold = weight == "bold" || (Int(weight) ?? 400) >= 600 }
        default: break
        }
    }

    func end(_ name: String, namespace: String?) {
        if name == "style" { current = nil }
    }

    func text(_ text: String) {}

    /// The style and its parents, nearest first.
    func chain(_ name: String?) -> [(String, Style)] {
        var chain: [(String, Style)] = []
        var next = name
        while let key = next, let style = styles[key], chain.count < 20 {
            chain.append((key, style))
            next = style.parent
        }
        return chain
    }

    func headingLevel(_ name: String?) -> Int? {
        for (key, style) in chain(name) {
            if let level = StyleNames.headingLevel(style.displayName ?? key) ?? StyleNames.headingLevel(key) { return level }
            if let level = style.outlineLevel { return level }
        }
        return nil
    }

    func matches(_ name: String?, _ rule: (String) -> Bool) -> Bool {
        chain(name).contains { key, style in rule(key.replacingOccurrences(of: "_20_", with: " ")) || style.displayName.map(rule) == true }
    }

    func isBold(_ name: String?) -> Bool {
        chain(name).lazy.compactMap(\.1.bold).first ?? false
    }
}
