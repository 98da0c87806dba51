import Logging
import PostgresNIO
import SeguiaCore

/// Reads the directory of organisations.
public struct OrganisationRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public struct Filter: Sendable {
        public var kind: OrganisationKind?
        /// Only organisations whose home territory is this one or lies within it.
        public var territory: String?

        public init(kind: OrganisationKind? = nil, territory: String? = nil) {
            self.kind = kind
            self.territory = territory
        }
    }

    public func list(_ filter: Filter, logger: Logger) async throws -> [Organisation] {
        try await database.withReadConnection("organisations.list") { connection in
            if let territory = filter.territory {
                try await connection.requireTerritory(territory, field: "territory", logger: logger)
            }
            let rows = try await connection.run(
                """
                SELECT o.code, o.kind, o.name_fr, o.name_en, o.name_ar, o.acronym, home.code, o.website
                FROM organisations o
                LEFT JOIN territories home ON home.territory_id = o.home_territory_id
                WHERE (\(filter.kind?.rawValue)::text IS NULL OR o.kind = \(filter.kind?.rawValue))
                  AND (\(filter.territory)::text IS NULL OR o.home_territory_id IN (
                      SELECT territory_id FROM territory_subtree(ARRAY[\(filter.territory)]::text[])))
                ORDER BY o.code
                """, logger: logger)
            var organisations: [Organisation] = []
            for try await (code, kind, nameFr, nameEn, nameAr, acronym, home, website) in rows.decode(
                (String, String, String, String?, String?, String?, String?, String?).self)
            {
                organisations.append(
                    Organisation(
                        code: code, kind: try StoreError.decodeEnum(OrganisationKind.self, kind, column: "organisations.kind"),
                        names: LocalizedNames(fr: nameFr, en: nameEn, ar: nameAr), acronym: acronym,
                        homeTerritoryCode: home, website: website))
            }
            return organisations
        }
    }
}
