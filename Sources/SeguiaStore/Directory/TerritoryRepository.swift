import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Reads territories and their hierarchy.
public struct TerritoryRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Filters for `list`; every one is optional.
    public struct Filter: Sendable {
        public var kind: TerritoryKind?
        /// Only this territory and those it contains, at any depth.
        public var within: String?
        /// Only territories valid on this day.
        public var validOn: Date?

        public init(kind: TerritoryKind? = nil, within: String? = nil, validOn: Date? = nil) {
            self.kind = kind
            self.within = within
            self.validOn = validOn
        }
    }

    public func list(_ filter: Filter, logger: Logger) async throws -> [Territory] {
        try await database.withReadConnection("territories.list") { connection in
            if let within = filter.within {
                try await connection.requireTerritory(within, field: "within", logger: logger)
            }
            let rows = try await connection.run(
                """
                SELECT t.code, t.kind, t.name_fr, t.name_en, t.name_ar, p.code, t.iso_code, t.official_identifier, t.valid_from, t.valid_to
                FROM territories t
                LEFT JOIN territories p ON p.territory_id = t.parent_id
                WHERE (\(filter.kind?.rawValue)::text IS NULL OR t.kind = \(filter.kind?.rawValue))
                  AND (\(filter.within)::text IS NULL OR t.territory_id IN (
                      SELECT territory_id FROM territory_subtree(ARRAY[\(filter.within)]::text[])))
                  AND (\(filter.validOn)::date IS NULL OR (
                      (t.valid_from IS NULL OR t.valid_from <= \(filter.validOn)::date)
                      AND (t.valid_to IS NULL OR t.valid_to >= \(filter.validOn)::date)))
                ORDER BY t.code
                """, logger: logger)
            return try await Self.decode(rows)
        }
    }

    /// The territory, its ancestors from parent to country, and its direct children.
    public func detail(code: String, logger: Logger) async throws -> TerritoryDetail {
        try await database.withReadConnection("territories.detail") { connection in
            let chainRows = try await connection.run(
                """
                WITH chain AS (
                    SELECT territory_id, depth FROM territory_lineage(ARRAY(SELECT territory_id FROM territories WHERE code = \(code)))
                )
                SELECT t.code, t.kind, t.name_fr, t.name_en, t.name_ar, p.code, t.iso_code, t.official_identifier, t.valid_from, t.valid_to
                FROM chain
                JOIN territories t ON t.territory_id = chain.territory_id
                LEFT JOIN territories p ON p.territory_id = t.parent_id
                ORDER BY chain.depth
                """, logger: logger)
            let chain = try await Self.decode(chainRows)
            guard let territory = chain.first else { throw AppError.notFound(resource: "territory", identifier: code) }
            let childRows = try await connection.run(
                """
                SELECT t.code, t.kind, t.name_fr, t.name_en, t.name_ar, p.code, t.iso_code, t.official_identifier, t.valid_from, t.valid_to
                FROM territories t
                JOIN territories p ON p.territory_id = t.parent_id
                WHERE p.code = \(code)
                ORDER BY t.code
                """, logger: logger)
            return TerritoryDetail(territory: territory, ancestors: Array(chain.dropFirst()), children: try await Self.decode(childRows))
        }
    }

    private static func decode(_ rows: PostgresRowSequence) async throws -> [Territory] {
        var territories: [Territory] = []
        for try await (code, kind, nameFr, nameEn, nameAr, parent, iso, official, validFrom, validTo) in rows.decode(
            (String, String, String, String?, String?, String?, String?, String?, Date?, Date?).self)
        {
            territories.append(
                Territory(
                    code: code, kind: try StoreError.decodeEnum(TerritoryKind.self, kind, column: "territories.kind"),
                    names: LocalizedNames(fr: nameFr, en: nameEn, ar: nameAr), parentCode: parent, isoCode: iso,
                    officialIdentifier: official, validFrom: validFrom, validTo: validTo))
        }
        return territories
    }
}
