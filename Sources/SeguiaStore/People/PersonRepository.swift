import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// The directory's people: read by the people signed in only (the caller checks it with
/// `DirectoryStewardship`), written in one transaction each, erased whole.
public struct PersonRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Which people a list shows.
    public struct Filter: Sendable, Equatable {
        public var organisation: String?
        public var agreement: String?
        public var practice: String?
        public var role: PersonRole.Kind?
        public var email: String?

        public init(organisation: String? = nil, agreement: String? = nil, practice: String? = nil, role: PersonRole.Kind? = nil, email: String? = nil) {
            self.organisation = organisation
            self.agreement = agreement
            self.practice = practice
            self.role = role
            self.email = email
        }
    }

    public func find(_ id: Int64, language: Language = .fr, logger: Logger) async throws -> StoredPerson {
        guard let person = try await list(ids: [id], language: language, logger: logger).first else {
            throw AppError.notFound(resource: "person", identifier: String(id))
        }
        return person
    }

    public func list(_ filter: Filter, language: Language = .fr, logger: Logger) async throws -> [StoredPerson] {
        let ids: [Int64] = try await database.withReadConnection("people.filter") { connection in
            let rows = try await connection.run(
                """
                SELECT p.person_id FROM people p LEFT JOIN organisations o ON o.organisation_id = p.organisation_id
                WHERE (\(filter.organisation)::text IS NULL OR o.code = \(filter.organisation))
                  AND (\(filter.email)::text IS NULL OR lower(p.email) = lower(\(filter.email)))
                  AND (\(filter.agreement)::text IS NULL AND \(filter.practice)::text IS NULL AND \(filter.role?.rawValue)::text IS NULL OR EXISTS (
                      SELECT 1 FROM person_roles r
                      LEFT JOIN agreements a ON a.agreement_id = r.agreement_id
                      LEFT JOIN practices pr ON pr.practice_id = r.practice_id
                      WHERE r.person_id = p.person_id
                        AND (\(filter.role?.rawValue)::text IS NULL OR r.role = \(filter.role?.rawValue))
                        AND (\(filter.agreement)::text IS NULL OR a.code = \(filter.agreement))
                        AND (\(filter.practice)::text IS NULL OR pr.slug = \(filter.practice))))
                ORDER BY o.code NULLS LAST, p.name, p.person_id
                LIMIT 1000
                """, logger: logger)
            var found: [Int64] = []
            for try await id in rows.decode(Int64.self) { found.append(id) }
            return found
        }
        return try await list(ids: ids, language: language, logger: logger)
    }

    private func list(ids: [Int64], language: Language, logger: Logger) async throws -> [StoredPerson] {
        guard !ids.isEmpty else { return [] }
        return try await database.withReadConnection("people.load") { connection in
            let rows = try await connection.run(
                """
                SELECT p.person_id, p.version, p.name, p.job_title, o.code, localized_name(\(language.rawValue), o.name_fr, o.name_en, o.name_ar),
                       p.languages, p.email, p.phone, p.consent_on::text, p.consent_recorded_by, p.consent_note,
                       p.created_at, p.created_by, p.updated_at, p.updated_by
                FROM people p LEFT JOIN organisations o ON o.organisation_id = p.organisation_id
                WHERE p.person_id = ANY(\(ids))
                """, logger: logger)
            var people: [Int64: StoredPerson] = [:]
            for try await row in rows.decode(
                (Int64, Int, String, String?, String?, String?, [String], String?, String?, String?, String?, String?, Date, String, Date, String).self)
            {
                let (id, version, name, jobTitle, organisation, organisationName, languages, email, phone, consentOn, consentBy, consentNote, createdAt, createdBy, updatedAt, updatedBy) = row
                var person = StoredPerson(
                    id: id, version: version,
                    details: PersonDetails(
                        name: name, jobTitle: jobTitle, organisation: organisation, languages: languages.compactMap(Language.init(rawValue:)), email: email,
                        phone: phone, consentOn: consentOn, consentRecordedBy: consentBy, consentNote: consentNote),
                    createdAt: createdAt, createdBy: createdBy, updatedAt: updatedAt, updatedBy: updatedBy)
                if let organisation, let organisationName { person.names[organisation] = organisationName }
                people[id] = person
            }
            let roles = try await connection.run(
                """
                SELECT r.person_id, r.role, a.code, localized_name(\(language.rawValue), a.title_fr, a.title_en, a.title_ar), pr.slug, pr.title
                FROM person_roles r
                LEFT JOIN agreements a ON a.agreement_id = r.agreement_id
                LEFT JOIN practices pr ON pr.practice_id = r.practice_id
                WHERE r.person_id = ANY(\(ids))
                ORDER BY r.person_id, r.role, a.code, pr.slug
                """, logger: logger)
            for try await (id, role, agreement, agreementTitle, practice, practiceTitle) in roles.decode((Int64, String, String?, String?, String?, String?).self) {
                guard let kind = PersonRole.Kind(rawValue: role) else { continue }
                people[id]?.details.roles.append(PersonRole(kind: kind, agreement: agreement, practice: practice))
                if let agreement, let agreementTitle { people[id]?.names["agreement:\(agreement)"] = agreementTitle }
                if let practice, let practiceTitle { people[id]?.names["practice:\(practice)"] = practiceTitle }
            }
            return ids.compactMap { people[$0] }
        }
    }

    public func create(_ details: PersonDetails, by author: Identity, logger: Logger) async throws -> Int64 {
        try DirectoryStewardship.checkChanging(nil, by: author)
        var details = details
        if details.organisation == nil, author.role != .admin { details.organisation = author.organisation }
        let written = details
        return try await database.withTransaction("people.create", logger: logger) { connection in
            try await Self.check(written, connection: connection, logger: logger)
            let rows = try await connection.run(
                """
                INSERT INTO people (name, job_title, organisation_id, languages, email, phone, consent_on, consent_recorded_by, consent_note,
                                    created_by, updated_by)
                VALUES (\(written.name.trimmingCharacters(in: .whitespacesAndNewlines)), \(written.jobTitle),
                        (SELECT organisation_id FROM organisations WHERE code = \(written.organisation)), \(written.languages.map(\.rawValue)),
                        \(written.email), \(written.phone), \(written.consentOn)::date, \(written.consentRecordedBy ?? author.name), \(written.consentNote),
                        \(author.name), \(author.name))
                RETURNING person_id
                """, logger: logger)
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            try await Self.writeRoles(written.roles, of: id, connection: connection, logger: logger)
            return id
        }
    }

    public func change(
        _ id: Int64, expectedVersion: Int, by author: Identity, logger: Logger, _ change: @Sendable (PersonDetails) throws -> PersonDetails
    ) async throws -> Int {
        let current = try await find(id, logger: logger)
        try DirectoryStewardship.checkChanging(current.details, by: author)
        return try await database.withTransaction("people.change", logger: logger) { connection in
            let rows = try await connection.run("SELECT version FROM people WHERE person_id = \(id) FOR UPDATE", logger: logger)
            var version: Int?
            for try await value in rows.decode(Int.self) { version = value }
            guard let version else { throw AppError.notFound(resource: "person", identifier: String(id)) }
            guard version == expectedVersion, version == current.version else {
                throw AppError.preconditionFailed("The person's entry is at version \(version), not \(expectedVersion): read it again and redo your change.")
            }
            let next = try change(current.details)
            if next.organisation != current.details.organisation, author.role != .admin {
                throw AppError.forbidden("Only administrators move a person to another organisation.")
            }
            guard next != current.details else { return version }
            try await Self.check(next, connection: connection, logger: logger)
            try await connection.run(
                """
                UPDATE people SET name = \(next.name.trimmingCharacters(in: .whitespacesAndNewlines)), job_title = \(next.jobTitle),
                    organisation_id = (SELECT organisation_id FROM organisations WHERE code = \(next.organisation)),
                    languages = \(next.languages.map(\.rawValue)), email = \(next.email), phone = \(next.phone), consent_on = \(next.consentOn)::date,
                    consent_recorded_by = \(next.consentRecordedBy), consent_note = \(next.consentNote),
                    version = version + 1, updated_at = now(), updated_by = \(author.name)
                WHERE person_id = \(id)
                """, logger: logger)
            try await connection.run("DELETE FROM person_roles WHERE person_id = \(id)", logger: logger)
            try await Self.writeRoles(next.roles, of: id, connection: connection, logger: logger)
            return version + 1
        }
    }

    /// Removes the person and their roles: nothing of them stays (the directory keeps no
    /// history of people); that an erasure happened is recorded, without whom.
    public func erase(_ id: Int64, expectedVersion: Int?, by author: Identity, logger: Logger) async throws {
        let current = try await find(id, logger: logger)
        try DirectoryStewardship.checkChanging(current.details, by: author)
        if let expectedVersion, expectedVersion != current.version {
            throw AppError.preconditionFailed("The person's entry is at version \(current.version), not \(expectedVersion): read it again.")
        }
        try await database.withTransaction("people.erase", logger: logger) { connection in
            try await connection.run(
                """
                INSERT INTO people_erasures (erased_by, roles_removed)
                SELECT \(author.name), count(*)::int FROM person_roles WHERE person_id = \(id)
                """, logger: logger)
            try await connection.run("DELETE FROM people WHERE person_id = \(id)", logger: logger)
        }
    }

    private static func check(_ details: PersonDetails, connection: PostgresConnection, logger: Logger) async throws {
        var issues = details.issues()
        let agreements = details.roles.compactMap(\.agreement)
        let practices = details.roles.compactMap(\.practice)
        let rows = try await connection.run(
            """
            SELECT 'organisation', code FROM unnest(\(details.organisation.map { [$0] } ?? [])::text[]) AS code WHERE code NOT IN (SELECT code FROM organisations)
            UNION ALL
            SELECT 'roles', code FROM unnest(\(agreements)::text[]) AS code WHERE code NOT IN (SELECT code FROM agreements)
            UNION ALL
            SELECT 'roles', code FROM unnest(\(practices)::text[]) AS code WHERE code NOT IN (SELECT slug FROM practices)
            """, logger: logger)
        for try await (field, code) in rows.decode((String, String).self) {
            issues.append(FieldIssue(field: field, reason: "'\(code)' names nothing known"))
        }
        if !issues.isEmpty { throw AppError.invalid(issues) }
    }

    private static func writeRoles(_ roles: [PersonRole], of id: Int64, connection: PostgresConnection, logger: Logger) async throws {
        var seen: Set<String> = []
        for role in roles where seen.insert("\(role.kind.rawValue)|\(role.agreement ?? "")|\(role.practice ?? "")").inserted {
            try await connection.run(
                """
                INSERT INTO person_roles (person_id, role, agreement_id, practice_id)
                VALUES (\(id), \(role.kind.rawValue), (SELECT agreement_id FROM agreements WHERE code = \(role.agreement)),
                        (SELECT practice_id FROM practices WHERE slug = \(role.practice)))
                """, logger: logger)
        }
    }
}
