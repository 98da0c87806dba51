import Logging
import PostgresNIO
import SeguiaCore

/// The names the importer looks for: territories, organisations and theme keywords.
public struct Vocabulary: Sendable {
    public var territories: [TextMatcher.Entry]
    public var organisations: [TextMatcher.Entry]
    public var themes: [TextMatcher.Entry]
    /// French names by code, for territories, organisations and themes alike.
    public var names: [String: String]
}

public struct VocabularyRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func load(logger: Logger) async throws -> Vocabulary {
        try await database.withReadConnection("vocabulary.load") { connection in
            let rows = try await connection.run(
                """
                SELECT 'territory', code, name_fr, array_remove(ARRAY[name_fr, name_en, name_ar] || aliases, NULL) FROM territories
                UNION ALL
                SELECT 'organisation', code, name_fr, array_remove(ARRAY[name_fr, name_en, name_ar, acronym] || aliases, NULL) FROM organisations
                UNION ALL
                SELECT 'theme', theme_key, name_fr, array_remove(ARRAY[name_fr, name_en, name_ar] || keywords, NULL) FROM themes
                """, logger: logger)
            var vocabulary = Vocabulary(territories: [], organisations: [], themes: [], names: [:])
            for try await (kind, code, name, phrases) in rows.decode((String, String, String, [String]).self) {
                let entry = TextMatcher.Entry(code: code, phrases: phrases)
                switch kind {
                case "territory": vocabulary.territories.append(entry)
                case "organisation": vocabulary.organisations.append(entry)
                default: vocabulary.themes.append(entry)
                }
                vocabulary.names[code] = name
            }
            return vocabulary
        }
    }
}
