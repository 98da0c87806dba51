import Foundation

/// What a person holds in the cooperation: a role, of an agreement or a practice or none.
public struct PersonRole: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case focalPoint = "focal_point"
        case electedOfficial = "elected_official"
        case technicalStaff = "technical_staff"
        case translator
    }

    public var kind: Kind
    /// The agreement (its code) or the practice (its slug) the role is of.
    public var agreement: String?
    public var practice: String?

    public init(kind: Kind, agreement: String? = nil, practice: String? = nil) {
        self.kind = kind
        self.agreement = agreement
        self.practice = practice
    }
}

/// A person of the directory, as written: contact details are personal data, shown only to
/// the people signed in.
public struct PersonDetails: Sendable, Equatable {
    public var name: String
    public var jobTitle: String?
    public var organisation: String?
    public var languages: [Language]
    public var email: String?
    public var phone: String?
    /// When the person agreed to be listed (`YYYY-MM-DD`), who recorded it, and how.
    public var consentOn: String?
    public var consentRecordedBy: String?
    public var consentNote: String?
    public var roles: [PersonRole]

    public init(
        name: String, jobTitle: String? = nil, organisation: String? = nil, languages: [Language] = [], email: String? = nil, phone: String? = nil,
        consentOn: String? = nil, consentRecordedBy: String? = nil, consentNote: String? = nil, roles: [PersonRole] = []
    ) {
        self.name = name
        self.jobTitle = jobTitle
        self.organisation = organisation
        self.languages = languages
        self.email = email
        self.phone = phone
        self.consentOn = consentOn
        self.consentRecordedBy = consentRecordedBy
        self.consentNote = consentNote
        self.roles = roles
    }

    /// Every problem of the details, each naming its field.
    public func issues() -> [FieldIssue] {
        var problems: [FieldIssue] = []
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 200 { problems.append(FieldIssue(field: "name", reason: "must be 1 to 200 characters")) }
        if let jobTitle, jobTitle.count > 200 { problems.append(FieldIssue(field: "job_title", reason: "must be at most 200 characters")) }
        if let email, !AccountInput.isEmailAddress(email) { problems.append(FieldIssue(field: "email", reason: "must be an e-mail address such as name@example.org")) }
        if let phone, !Self.isPhone(phone) {
            problems.append(FieldIssue(field: "phone", reason: "must be a telephone number: digits, spaces, + ( ) . -, 4 to 40 characters"))
        }
        if let consentOn, !DocumentMetadata.isDay(consentOn) { problems.append(FieldIssue(field: "consent_on", reason: "must be a day written YYYY-MM-DD")) }
        if (email != nil || phone != nil), consentOn == nil {
            problems.append(FieldIssue(field: "consent_on", reason: "contact details are kept only with the day the person agreed to be listed"))
        }
        if let note = consentNote, note.count > 500 { problems.append(FieldIssue(field: "consent_note", reason: "must be at most 500 characters")) }
        if roles.count > 50 { problems.append(FieldIssue(field: "roles", reason: "at most 50")) }
        if roles.contains(where: { $0.agreement != nil && $0.practice != nil }) {
            problems.append(FieldIssue(field: "roles", reason: "a role is of an agreement or of a practice, not both"))
        }
        return problems
    }

    static func isPhone(_ text: String) -> Bool {
        (4...40).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isNumber || " +().-".contains($0)) } && text.contains(where: \.isNumber)
    }
}

/// A stored person.
public struct StoredPerson: Sendable, Equatable {
    public var id: Int64
    public var version: Int
    public var details: PersonDetails
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var updatedBy: String
    /// Names of the organisation (by code), agreements (`agreement:CODE`) and practices (`practice:slug`).
    public var names: [String: String]

    public init(
        id: Int64, version: Int, details: PersonDetails, createdAt: Date, createdBy: String, updatedAt: Date, updatedBy: String,
        names: [String: String] = [:]
    ) {
        self.id = id
        self.version = version
        self.details = details
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
        self.names = names
    }

    public var entityTag: String { "\"p\(id)-\(version)\"" }
}

/// Who may read and write the directory: people signed in (any token or account) read it;
/// contributors add people; the contributors of a person's organisation (or administrators)
/// change or remove them.
public enum DirectoryStewardship {
    public static func checkReading(_ identity: Identity?) throws {
        guard identity != nil else {
            throw AppError.unauthorized("The directory holds personal data: sign in, or send a token, to read it.")
        }
    }

    public static func checkChanging(_ person: PersonDetails?, by author: Identity) throws {
        guard author.role >= .contributor else {
            throw AppError.forbidden("Only contributors, reviewers, publishers and administrators may write the directory.")
        }
        guard author.role != .admin, let owner = person?.organisation else { return }
        guard author.organisation == owner else {
            throw AppError.forbidden("Only contributors of \(owner), or administrators, may change the people of \(owner).")
        }
    }
}
