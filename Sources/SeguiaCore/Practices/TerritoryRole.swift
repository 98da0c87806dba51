/// What a territory is to a practice.
public enum TerritoryRole: String, CaseIterable, Sendable, Codable {
    case lead, partner, beneficiary
}
