import Foundation

/// A person who signs in: who they are, whom they act for, and what they may do.
public struct Account: Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var name: String
    /// Code of their organisation; an administrator may have none.
    public var organisation: String?
    public var role: Role
    /// The languages they read and write, in their order of preference.
    public var languages: [Language]
    public var createdAt: Date
    public var disabledAt: Date?

    public init(
        id: Int64, email: String, name: String, organisation: String?, role: Role, languages: [Language], createdAt: Date, disabledAt: Date? = nil
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.organisation = organisation
        self.role = role
        self.languages = languages
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }

    /// What this person may do while signed in (or through a token of theirs).
    public func identity(tokenID: Int64? = nil) -> Identity {
        // The name, never the address: it is written as the author of revisions that the public may read.
        Identity(tokenID: tokenID, userID: id, name: name, role: role, organisation: organisation)
    }
}

/// What is asked of a new account: checked here, before anything is written.
public struct AccountInput: Sendable, Equatable {
    public var email: String
    public var name: String
    public var organisation: String?
    public var role: Role
    public var languages: [Language]

    public init(email: String, name: String, organisation: String?, role: Role, languages: [Language] = []) {
        self.email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        self.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        self.organisation = organisation.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        self.role = role
        self.languages = languages
    }

    /// Every problem at once.
    public func problems() -> [FieldIssue] {
        var problems: [FieldIssue] = []
        if !Self.isEmailAddress(email) { problems.append(FieldIssue(field: "email", reason: "must be an e-mail address such as name@example.org")) }
        if name.isEmpty { problems.append(FieldIssue(field: "name", reason: "must not be empty")) }
        if name.count > 200 { problems.append(FieldIssue(field: "name", reason: "must be at most 200 characters")) }
        if organisation == nil && role != .admin {
            problems.append(FieldIssue(field: "organisation", reason: "a \(role.rawValue) acts for an organisation: give its code"))
        }
        return problems
    }

    /// One `@`, something on each side, no spaces, a dot in the domain; no more is checked:
    /// the address is proved by being used, not by a pattern.
    public static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            text.count <= 254, !text.contains(where: { $0.isWhitespace })
        else { return false }
        return true
    }
}

/// What a password must be. Length is what makes one hard to guess; no rule of character classes.
public enum PasswordRules {
    public static let minimumLength = 10
    public static let maximumLength = 1_000

    /// Why `password` is refused, or nil.
    public static func problem(_ password: String) -> String? {
        if password.count < minimumLength { return "must be at least \(minimumLength) characters" }
        if password.count > maximumLength { return "must be at most \(maximumLength) characters" }
        if password.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "must not be only spaces" }
        return nil
    }
}
