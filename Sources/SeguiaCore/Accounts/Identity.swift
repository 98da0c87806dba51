/// What a person or a token may do, each role holding the powers of those before it:
/// a reader reads what their organisation may read; a contributor writes sheets and values;
/// a reviewer also reviews values; a publisher decides, for their own organisation's sheets,
/// what the public sees and in whose name (publishing, withdrawing, archiving, who may read
/// it, handing it over); an administrator may do anything.
public enum Role: String, CaseIterable, Sendable, Codable, Comparable {
    case reader, contributor, reviewer, publisher, admin

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Who is calling: the holder of a valid token, or a person signed in.
public struct Identity: Sendable, Equatable {
    /// The token presented; nil for a signed-in session.
    public var tokenID: Int64?
    /// The person acting: the one signed in, or the owner of a token made on an account page.
    public var userID: Int64?
    public var name: String
    public var role: Role
    /// Code of the organisation the caller acts for, if any.
    public var organisation: String?

    public init(tokenID: Int64?, userID: Int64? = nil, name: String, role: Role, organisation: String?) {
        self.tokenID = tokenID
        self.userID = userID
        self.name = name
        self.role = role
        self.organisation = organisation
    }

    /// What this identity may read of practices.
    public var audience: PracticeAudience {
        role == .admin ? .administrator : .member(organisation: organisation)
    }
}

extension Optional where Wrapped == Identity {
    /// The audience of a caller, anonymous or not.
    public var audience: PracticeAudience {
        self?.audience ?? .anonymous
    }

    /// Fails with 401 for an anonymous caller and 403 for one whose role is below `role`.
    public func require(_ role: Role, to action: String) throws -> Identity {
        guard let identity = self else { throw AppError.unauthorized("\(action) needs a token (Authorization: Bearer …).") }
        guard identity.role >= role else {
            throw AppError.forbidden("\(action) needs the \(role.rawValue) role; this caller has \(identity.role.rawValue).")
        }
        return identity
    }
}
