import Foundation

/// A cooperation agreement (convention) between organisations or territories, over a period.
public struct Agreement: Equatable, Sendable {
    public var code: String
    public var title: LocalizedNames
    public var parties: [AgreementParty]
    public var period: DatePeriod
    /// Where the agreement is documented.
    public var source: String?
    public var note: String?

    public init(
        code: String,
        title: LocalizedNames,
        parties: [AgreementParty],
        period: DatePeriod,
        source: String? = nil,
        note: String? = nil
    ) {
        self.code = code
        self.title = title
        self.parties = parties
        self.period = period
        self.source = source
        self.note = note
    }
}

/// One party to an agreement: either an organisation or a territory.
public struct AgreementParty: Equatable, Sendable {
    public enum Kind: String, Sendable, Codable {
        case organisation
        case territory
    }

    public var kind: Kind
    public var code: String
    public var name: String
    public var role: String?

    public init(kind: Kind, code: String, name: String, role: String? = nil) {
        self.kind = kind
        self.code = code
        self.name = name
        self.role = role
    }
}
