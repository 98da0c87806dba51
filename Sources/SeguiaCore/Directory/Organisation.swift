/// An actor of cooperation: a network, an NGO, a local authority, a funder…
public struct Organisation: Equatable, Sendable {
    /// Short stable code (`OCCITANIE-COOPERATION`, `AFD`).
    public var code: String
    public var kind: OrganisationKind
    public var names: LocalizedNames
    /// Acronym as people write it (`pS-Eau`, `CARI`), when there is one.
    public var acronym: String?
    public var homeTerritoryCode: String?
    public var website: String?

    public init(
        code: String,
        kind: OrganisationKind,
        names: LocalizedNames,
        acronym: String? = nil,
        homeTerritoryCode: String? = nil,
        website: String? = nil
    ) {
        self.code = code
        self.kind = kind
        self.names = names
        self.acronym = acronym
        self.homeTerritoryCode = homeTerritoryCode
        self.website = website
    }
}

/// What sort of actor an organisation is.
public enum OrganisationKind: String, CaseIterable, Sendable, Codable {
    case network
    case ngo
    case localAuthority = "local_authority"
    case funder
    case state
    case research
    case utility
}
