import Logging
import PostgresNIO
import SeguiaCore

/// Reads the theme taxonomy.
public struct ThemeRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func list(logger: Logger) async throws -> [Theme] {
        try await database.withReadConnection("themes.list") { connection in
            let rows = try await connection.run(
                "SELECT theme_key, name_fr, name_en, name_ar, is_mission_theme, sdg651_components FROM themes ORDER BY position",
                logger: logger)
            var themes: [Theme] = []
            for try await (key, nameFr, nameEn, nameAr, mission, components) in rows.decode(
                (String, String, String, String?, Bool, [String]).self)
            {
                themes.append(
                    Theme(key: key, names: LocalizedNames(fr: nameFr, en: nameEn, ar: nameAr), isMissionTheme: mission, sdg651Components: components))
            }
            return themes
        }
    }
}
