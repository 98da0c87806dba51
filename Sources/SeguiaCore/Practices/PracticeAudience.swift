import Foundation

/// Who is asking: what they may see of practices.
public enum PracticeAudience: Sendable, Equatable {
    /// Anyone without credentials: published, public practices only.
    case anonymous
    /// A holder of a token: every practice but the private ones of other organisations.
    case member(organisation: String?)
    /// An administrator: everything.
    case administrator
}
