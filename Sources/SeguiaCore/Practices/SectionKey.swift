/// The stable keys of the parts of a capitalisation sheet, in their usual order.
public enum SectionKey: String, CaseIterable, Sendable, Codable {
    case contextNeed = "context_need"
    case interest
    case targets
    case objectives
    case approach
    case results
    case calendar
    case resources
    case actors
    case tools
    case levers
    case limits
    case lessons
    case recommendations
    case perspectives
    case quotes
    /// Anything not recognised, kept in document order.
    case other
}
