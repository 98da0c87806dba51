import Foundation
import SeguiaCore

/// Document properties (`docProps/core.xml` of Word, `meta.xml` of OpenDocument): title, subject,
/// description, creator and creation date.
final class CoreProperties: XMLEventHandler {
    /// The properties of the part at `path`, or none when the archive has no such part.
    static func fields(of archive: OfficeArchive, at path: String, kind: String) throws -> [DocumentOutline.MetadataField] {
        guard let data = try archive.part(path, kind: kind) else { return [] }
        let properties = CoreProperties()
        try XMLEvents.read(data, into: properties, kind: kind)
        return properties.fields
    }

    private(set) var fields: [DocumentOutline.MetadataField] = []
    private var current: (String, MetadataKey)?
    private var value = ""
    private static let keys: [String: MetadataKey] = [
        "title": .title, "subject": .subject, "description": .description, "creator": .author, "initial-creator": .author,
        "created": .date, "creation-date": .date,
    ]

    func start(_ name: String, namespace: String?, attributes: [String: String]) {
        if let key = Self.keys[name] {
            current = (name, key)
            value = ""
        }
    }

    func end(_ name: String, namespace: String?) {
        guard let (label, key) = current, label == name else { return }
        var text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        // Dates are kept to the day: "2024-03-05T10:00:00Z" → "2024-03-05".
        if key == .date, text.count > 10, text.dropFirst(4).first == "-" { text = String(text.prefix(10)) }
        let duplicate = fields.contains { $0.key == key && $0.value == text }
        if !text.isEmpty, !duplicate { fields.append(.init(label: label, key: key, value: text)) }
        current = nil
    }

    func text(_ text: String) {
        if current != nil { value += text }
    }
}
