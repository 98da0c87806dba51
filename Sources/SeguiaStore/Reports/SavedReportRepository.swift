import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Named comparison definitions.
public struct SavedReportRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores `definition` under a slug made from `name` (or `slug` when given); a slug in use is a conflict.
    public func create(name: String, slug wanted: String?, definition: ReportDefinition, author: String, logger: Logger) async throws -> SavedReport {
        let slug = wanted ?? Slug.from(name, fallback: "report")
        guard Slug.isValid(slug), !["indicators", "practices"].contains(slug) else {
            throw AppError.invalid(field: "slug", reason: "'\(slug)' is not a usable slug: lower-case letters, digits and dashes, not 'indicators' or 'practices'")
        }
        return try await database.withConnection("reports.create") { connection in
            let rows = try await connection.run(
                """
                INSERT INTO saved_reports (slug, name, kind, territories, indicators, themes, from_year, to_year, disaggregation, layout, created_by)
                VALUES (\(slug), \(name), \(definition.kind.rawValue), \(definition.territories), \(definition.indicators), \(definition.themes),
                        \(definition.fromYear), \(definition.toYear), \(definition.disaggregation), \(definition.layout.rawValue), \(author))
                ON CONFLICT (slug) DO NOTHING
                RETURNING slug
                """, logger: logger)
            var created = false
            for try await _ in rows { created = true }
            guard created else { throw AppError.conflict("A saved report is already called '\(slug)'. Choose another name or slug.") }
            return SavedReport(slug: slug, name: name, definition: definition, createdBy: author)
        }
    }

    public func list(logger: Logger) async throws -> [SavedReport] {
        try await fetch(slug: nil, logger: logger)
    }

    public func find(_ slug: String, logger: Logger) async throws -> SavedReport {
        guard let found = try await fetch(slug: slug, logger: logger).first else { throw AppError.notFound(resource: "report", identifier: slug) }
        return found
    }

    private func fetch(slug: String?, logger: Logger) async throws -> [SavedReport] {
        try await database.withReadConnection("reports.list") { connection in
            var sql = SQLBuilder(
                """
                SELECT slug, name, kind, territories, indicators, themes, from_year, to_year, disaggregation, layout, created_by
                FROM saved_reports
                """)
            if let slug { sql.append(" WHERE slug = ?", slug) }
            sql.append(" ORDER BY name, slug")
            let rows = try await connection.run(sql.query, logger: logger)
            var found: [SavedReport] = []
            for try await (slug, name, kind, territories, indicators, themes, from, to, disaggregation, layout, author) in rows.decode(
                (String, String, String, [String], [String], [String], Int?, Int?, String, String, String).self)
            {
                found.append(
                    SavedReport(
                        slug: slug, name: name,
                        definition: ReportDefinition(
                            kind: try StoreError.decodeEnum(ReportDefinition.Kind.self, kind, column: "saved_reports.kind"), territories: territories, indicators: indicators, themes: themes,
                            fromYear: from, toYear: to, disaggregation: disaggregation, layout: try StoreError.decodeEnum(ComparisonLayout.self, layout, column: "saved_reports.layout")),
                        createdBy: author))
            }
            return found
        }
    }
}
