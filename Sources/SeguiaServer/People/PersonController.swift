import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/api/v1/people`: the directory. Personal data: every route needs a token (401 without);
/// writing needs a contributor's, and changing a person one of their organisation's.
struct PersonController<Context: IdentifiedRequestContext> {
    let repository: PersonRepository

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: list)
            .post(use: create)
            .get("{id}", use: get)
            .patch("{id}", use: change)
            .delete("{id}", use: erase)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> ListResponse<PersonDTO> {
        try DirectoryStewardship.checkReading(context.identity)
        var parameters = QueryParameters(request)
        let filter = PersonRepository.Filter(
            organisation: parameters.string("organisation", limit: 64)?.uppercased(), agreement: parameters.string("agreement", limit: 64)?.uppercased(),
            practice: parameters.string("practice", limit: 120), role: parameters.enumeration("role", as: PersonRole.Kind.self))
        try parameters.validate()
        return ListResponse(items: try await repository.list(filter, logger: context.logger).map(PersonDTO.init))
    }

    @Sendable func get(_ request: Request, context: Context) async throws -> EditedResponse<PersonDTO> {
        try DirectoryStewardship.checkReading(context.identity)
        let person = try await repository.find(try context.parameters.require("id", as: Int64.self), logger: context.logger)
        return EditedResponse(headers: [.eTag: person.entityTag, .cacheControl: "private, no-store"], response: PersonDTO(person))
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> EditedResponse<PersonDTO> {
        let author = try context.identity.require(.contributor, to: "Adding a person to the directory")
        let body = try await request.body(ofType: ["application/json"], limit: 65_536, expected: "the person as application/json")
        let details = try PersonInput.applied(to: PersonDetails(name: ""), body: body, requireName: true)
        let id = try await repository.create(details, by: author, logger: context.logger)
        let stored = try await repository.find(id, logger: context.logger)
        return EditedResponse(status: .created, headers: [.location: "/api/v1/people/\(id)", .eTag: stored.entityTag], response: PersonDTO(stored))
    }

    @Sendable func change(_ request: Request, context: Context) async throws -> EditedResponse<PersonDTO> {
        let author = try context.identity.require(.contributor, to: "Changing the directory")
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await repository.find(id, logger: context.logger)
        let expected = Int(try EntityTag.version(in: request, prefix: "p", id: id, resource: "person"))
        let body = try await request.body(ofType: ["application/json"], limit: 65_536, expected: "the changes as application/json")
        _ = try await repository.change(id, expectedVersion: expected, by: author, logger: context.logger) { current in
            try PersonInput.applied(to: current, body: body, requireName: false)
        }
        let stored = try await repository.find(id, logger: context.logger)
        return EditedResponse(headers: [.eTag: stored.entityTag], response: PersonDTO(stored))
    }

    /// Erases the person: their entry and roles go, nothing of them is kept.
    @Sendable func erase(_ request: Request, context: Context) async throws -> Response {
        let author = try context.identity.require(.contributor, to: "Erasing a person from the directory")
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await repository.find(id, logger: context.logger)
        let expected = Int(try EntityTag.version(in: request, prefix: "p", id: id, resource: "person"))
        try await repository.erase(id, expectedVersion: expected, by: author, logger: context.logger)
        return Response(status: .noContent)
    }
}

struct PersonDTO: ResponseEncodable {
    struct Link: Codable, Sendable {
        var code: String
        var name: String?
    }

    struct Role: Codable, Sendable {
        var role: String
        var agreement: Link?
        var practice: Link?
    }

    struct Consent: Codable, Sendable {
        var on: String?
        var recordedBy: String?
        var note: String?

        enum CodingKeys: String, CodingKey {
            case on, note
            case recordedBy = "recorded_by"
        }
    }

    var id: Int64
    var name: String
    var jobTitle: String?
    var organisation: Link?
    var languages: [String]
    var email: String?
    var phone: String?
    var consent: Consent
    var roles: [Role]
    var version: Int
    var createdAt: String
    var createdBy: String
    var updatedAt: String
    var updatedBy: String

    enum CodingKeys: String, CodingKey {
        case id, name, organisation, languages, email, phone, consent, roles, version
        case jobTitle = "job_title"
        case createdAt = "created_at"
        case createdBy = "created_by"
        case updatedAt = "updated_at"
        case updatedBy = "updated_by"
    }

    init(_ person: StoredPerson) {
        let details = person.details
        id = person.id
        name = details.name
        jobTitle = details.jobTitle
        organisation = details.organisation.map { Link(code: $0, name: person.names[$0]) }
        languages = details.languages.map(\.rawValue)
        email = details.email
        phone = details.phone
        consent = Consent(on: details.consentOn, recordedBy: details.consentRecordedBy, note: details.consentNote)
        roles = details.roles.map { role in
            Role(
                role: role.kind.rawValue, agreement: role.agreement.map { Link(code: $0, name: person.names["agreement:\($0)"]) },
                practice: role.practice.map { Link(code: $0, name: person.names["practice:\($0)"]) })
        }
        version = person.version
        let formatter = ISO8601DateFormatter()
        createdAt = formatter.string(from: person.createdAt)
        createdBy = person.createdBy
        updatedAt = formatter.string(from: person.updatedAt)
        updatedBy = person.updatedBy
    }
}

/// A person as a client writes it (JSON): only the fields named change; `null` empties one.
enum PersonInput {
    static let fields: Set<String> = [
        "name", "job_title", "organisation", "languages", "email", "phone", "consent_on", "consent_recorded_by", "consent_note", "roles",
    ]

    static func applied(to current: PersonDetails, body: ByteBuffer, requireName: Bool) throws -> PersonDetails {
        let data = try TextRules.checkedJSON(body)
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw AppError.invalid(field: "body", reason: "must be a JSON object")
        }
        var issues = Set(object.keys).subtracting(fields).sorted().map { FieldIssue(field: $0, reason: "is not a field of a person") }
        var next = current
        func text(_ key: String, _ apply: (String?) -> Void) {
            guard let value = object[key] else { return }
            if value is NSNull { return apply(nil) }
            guard let string = value as? String else { return issues.append(FieldIssue(field: key, reason: "must be a string or null")) }
            let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
            apply(trimmed.isEmpty ? nil : trimmed)
        }
        text("name") { next.name = $0 ?? "" }
        text("job_title") { next.jobTitle = $0 }
        text("organisation") { next.organisation = $0?.uppercased() }
        text("email") { next.email = $0 }
        text("phone") { next.phone = $0 }
        text("consent_on") { next.consentOn = $0 }
        text("consent_recorded_by") { next.consentRecordedBy = $0 }
        text("consent_note") { next.consentNote = $0 }
        if let languages = object["languages"] {
            if let list = languages as? [String], list.allSatisfy({ Language(rawValue: $0) != nil }) {
                next.languages = list.compactMap(Language.init(rawValue:))
            } else {
                issues.append(FieldIssue(field: "languages", reason: "must be a list of fr, en, ar"))
            }
        }
        if let roles = object["roles"] {
            if let list = roles as? [[String: Any]] {
                var read: [PersonRole] = []
                for (index, role) in list.enumerated() {
                    guard let kind = (role["role"] as? String).flatMap(PersonRole.Kind.init(rawValue:)) else {
                        issues.append(FieldIssue(field: "roles[\(index)].role", reason: "is one of \(PersonRole.Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
                        continue
                    }
                    for key in Set(role.keys).subtracting(["role", "agreement", "practice"]).sorted() {
                        issues.append(FieldIssue(field: "roles[\(index)].\(key)", reason: "is not a field of a role"))
                    }
                    read.append(PersonRole(kind: kind, agreement: (role["agreement"] as? String)?.uppercased(), practice: role["practice"] as? String))
                }
                next.roles = read
            } else {
                issues.append(FieldIssue(field: "roles", reason: "must be a list of {role, agreement or practice}"))
            }
        }
        if requireName, next.name.isEmpty { issues.append(FieldIssue(field: "name", reason: "must not be empty")) }
        if !issues.isEmpty { throw AppError.invalid(issues) }
        return next
    }
}
