/// Who may read a practice.
public enum Confidentiality: String, CaseIterable, Sendable, Codable {
    case `public`
    case partners
    case `private`
}
