import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Reads cooperation agreements with their parties.
public struct AgreementRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public struct Filter: Sendable {
        /// Only agreements with this organisation or territory code among their parties.
        public var party: String?
        /// Only agreements whose period covers this day (unknown bounds count as open).
        public var activeOn: Date?
        /// Only the agreement of this code.
        public var code: String?

        public init(party: String? = nil, activeOn: Date? = nil, code: String? = nil) {
            self.party = party
            self.activeOn = activeOn
            self.code = code
        }
    }

    public func list(_ filter: Filter, logger: Logger) async throws -> [Agreement] {
        try await database.withReadConnection("agreements.list") { connection in
            let rows = try await connection.run(
                """
                SELECT a.agreement_id, a.code, a.title_fr, a.title_en, a.title_ar, a.starts_on, a.ends_on, a.period_precision,
                       a.source, a.note
                FROM agreements a
                WHERE (\(filter.code)::text IS NULL OR a.code = \(filter.code))
                  AND (\(filter.party)::text IS NULL OR EXISTS (
                          SELECT 1 FROM agreement_parties ap
                          LEFT JOIN organisations o ON o.organisation_id = ap.organisation_id
                          LEFT JOIN territories t ON t.territory_id = ap.territory_id
                          WHERE ap.agreement_id = a.agreement_id AND (o.code = \(filter.party) OR t.code = \(filter.party))))
                  AND (\(filter.activeOn)::date IS NULL OR (
                          (a.starts_on IS NULL OR a.starts_on <= \(filter.activeOn)::date)
                          AND (a.ends_on IS NULL OR a.ends_on >= \(filter.activeOn)::date)))
                ORDER BY a.starts_on NULLS LAST, a.code
                """, logger: logger)
            var agreements: [(Int64, Agreement)] = []
            for try await (id, code, titleFr, titleEn, titleAr, startsOn, endsOn, precision, source, note) in rows.decode(
                (Int64, String, String, String?, String?, Date?, Date?, String, String?, String?).self)
            {
                let period = DatePeriod(
                    start: startsOn.map(DatePrecision.day.format), end: endsOn.map(DatePrecision.day.format),
                    precision: try StoreError.decodeEnum(DatePrecision.self, precision, column: "agreements.period_precision"))
                agreements.append(
                    (id, Agreement(code: code, title: LocalizedNames(fr: titleFr, en: titleEn, ar: titleAr), parties: [],
                        period: period, source: source, note: note)))
            }
            let parties = try await partiesByAgreement(ids: agreements.map(\.0), connection: connection, logger: logger)
            return agreements.map { id, agreement in
                var agreement = agreement
                agreement.parties = parties[id] ?? []
                return agreement
            }
        }
    }

    private func partiesByAgreement(ids: [Int64], connection: PostgresConnection, logger: Logger) async throws -> [Int64: [AgreementParty]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await connection.run(
            """
            SELECT ap.agreement_id, o.code, o.name_fr, t.code, t.name_fr, ap.party_role
            FROM agreement_parties ap
            LEFT JOIN organisations o ON o.organisation_id = ap.organisation_id
            LEFT JOIN territories t ON t.territory_id = ap.territory_id
            WHERE ap.agreement_id = ANY(\(ids))
            ORDER BY ap.agreement_id, ap.party_position
            """, logger: logger)
        var parties: [Int64: [AgreementParty]] = [:]
        for try await (id, organisationCode, organisationName, territoryCode, territoryName, role) in rows.decode(
            (Int64, String?, String?, String?, String?, String?).self)
        {
            let party =
                if let organisationCode {
                    AgreementParty(kind: .organisation, code: organisationCode, name: organisationName ?? organisationCode, role: role)
                } else {
                    AgreementParty(kind: .territory, code: territoryCode ?? "", name: territoryName ?? "", role: role)
                }
            parties[id, default: []].append(party)
        }
        return parties
    }
}
