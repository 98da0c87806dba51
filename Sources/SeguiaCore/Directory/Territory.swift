import Foundation

/// An administrative or cooperation territory: a country, a region, a commune…
public struct Territory: Equatable, Sendable {
    /// Stable code: ISO 3166-1 / 3166-2 where one exists, otherwise the scheme of `TerritoryCode`.
    public var code: String
    public var kind: TerritoryKind
    public var names: LocalizedNames
    /// Code of the enclosing territory; `nil` for a country.
    public var parentCode: String?
    /// ISO 3166 code when the territory has one (identical to `code` for those territories).
    public var isoCode: String?
    /// Official statistical identifier where one exists (INSEE, SIREN, HCP…), with its scheme.
    public var officialIdentifier: String?
    public var validFrom: Date?
    public var validTo: Date?

    public init(
        code: String,
        kind: TerritoryKind,
        names: LocalizedNames,
        parentCode: String? = nil,
        isoCode: String? = nil,
        officialIdentifier: String? = nil,
        validFrom: Date? = nil,
        validTo: Date? = nil
    ) {
        self.code = code
        self.kind = kind
        self.names = names
        self.parentCode = parentCode
        self.isoCode = isoCode
        self.officialIdentifier = officialIdentifier
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

/// The levels of territory Seguia knows, from country down to commune.
public enum TerritoryKind: String, CaseIterable, Sendable, Codable {
    case country
    case region
    case departement
    case province
    case metropole
    case intercommunality
    case commune
    case governorate
    /// The area a water utility serves (a régie, a concession).
    case serviceArea = "service_area"
    /// A statistical or geographic area that is no administrative level (West Bank, Gaza Strip).
    case area
}

/// A territory with the chain of territories that contain it and those it contains.
public struct TerritoryDetail: Equatable, Sendable {
    public var territory: Territory
    /// From the direct parent up to the country.
    public var ancestors: [Territory]
    public var children: [Territory]

    public init(territory: Territory, ancestors: [Territory], children: [Territory]) {
        self.territory = territory
        self.ancestors = ancestors
        self.children = children
    }
}

/// Rules for territory codes.
public enum TerritoryCode {
    /// A code is upper-case ASCII letters and digits in dash-separated segments, at most 32 characters.
    ///
    /// ISO 3166-2 codes (`FR-OCC`, `MA-06`, `PS-TBS`) already follow it; territories without an
    /// ISO code extend their parent's code with a segment (`FR-OCC-MMM`, `MA-09-ARGHEN`).
    public static func isValid(_ code: String) -> Bool {
        guard !code.isEmpty, code.count <= 32 else { return false }
        let segments = code.split(separator: "-", omittingEmptySubsequences: false)
        return segments.allSatisfy { segment in
            !segment.isEmpty && segment.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// Normalises user input to the stored form (trimmed, upper-case).
    public static func normalise(_ raw: String) -> String {
        raw.trimmingBlanks().uppercased()
    }
}
