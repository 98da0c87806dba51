import Foundation
import Logging
import PostgresNIO
import SeguiaCore

extension ReportRepository {
    /// The practice `identifier` (id or slug, as `audience` may see it) with the series of
    /// `indicatorCodes` (default: the indicators of its themes) for each of its territories;
    /// where a territory has no value of an indicator, its nearest enclosing territory's.
    public func evidence(
        practice identifier: String, indicatorCodes: [String], audience: PracticeAudience, language: Language, logger: Logger
    ) async throws -> PracticeEvidence {
        let practice = try await practices.find(identifier, audience: audience, logger: logger)
        return try await evidence(of: practice, indicatorCodes: indicatorCodes, language: language, logger: logger)
    }

    /// The same, for a practice already read (and so already checked against its audience).
    public func evidence(of practice: StoredPractice, indicatorCodes: [String], language: Language, logger: Logger) async throws -> PracticeEvidence {
        let content = practice.content
        let (labels, chains, themeIndicators, names) = try await database.withReadConnection("reports.evidence") { connection in
            let rows = try await connection.run(
                """
                WITH chain AS (
                    SELECT origin, territory_id, depth
                    FROM territory_lineage(ARRAY(SELECT territory_id FROM practice_territories WHERE practice_id = \(practice.id)))
                )
                SELECT origin_territory.code, origin_territory.name_fr, origin_territory.name_en, origin_territory.name_ar, member.code,
                       localized_name(\(language.rawValue), member.name_fr, member.name_en, member.name_ar)
                FROM chain
                JOIN territories origin_territory ON origin_territory.territory_id = chain.origin
                JOIN territories member ON member.territory_id = chain.territory_id
                ORDER BY origin_territory.code, chain.depth
                """, logger: logger)
            var labels: [TerritoryLabel] = []
            var chains: [String: [String]] = [:]
            var names: [String: String] = [:]
            for try await (code, fr, en, ar, member, memberName) in rows.decode((String, String, String?, String?, String, String).self) {
                names[member] = memberName
                if chains[code] == nil { labels.append(TerritoryLabel(code: code, name: LocalizedNames(fr: fr, en: en, ar: ar).preferred(language))) }
                chains[code, default: []].append(member)
            }
            let indicatorRows = try await connection.run(
                """
                SELECT i.code FROM indicators i
                WHERE i.theme_key IN (SELECT th.theme_key FROM practice_themes pt JOIN themes th ON th.theme_id = pt.theme_id
                                      WHERE pt.practice_id = \(practice.id))
                ORDER BY i.position
                """, logger: logger)
            var codes: [String] = []
            for try await code in indicatorRows.decode(String.self) { codes.append(code) }
            return (labels, chains, codes, names)
        }
        let indicators = try await self.indicators(indicatorCodes.isEmpty ? themeIndicators : indicatorCodes, logger: logger)
        var filter = ValueRepository.Filter()
        filter.territories = Array(Set(chains.values.flatMap { $0 }))
        filter.disaggregation = "total"
        let values = try await values(of: indicators, filter, logger: logger)
        var evidence = PracticeEvidence(
            slug: content.slug, title: content.title, periodStart: content.period.start, periodEnd: content.period.end, territories: labels,
            chains: chains, indicators: indicators, values: values)
        evidence.territoryNames = names
        return evidence
    }
}
