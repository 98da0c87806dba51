/// The labels of document metadata, as `key: value` lines or document properties.
public enum MetadataKey: String, CaseIterable, Sendable, Codable {
    case title, source, url, author, date, language, note, period, organisation, subject, description
}
