/// A name as written in the three working languages of the project.
///
/// French is the reference language and is always present; English and Arabic may be
/// missing when no established form exists.
public struct LocalizedNames: Equatable, Sendable, Codable {
    public var fr: String
    public var en: String?
    public var ar: String?

    public init(fr: String, en: String? = nil, ar: String? = nil) {
        self.fr = fr
        self.en = en
        self.ar = ar
    }

    /// The name in the requested language, falling back to French.
    public func preferred(_ language: Language) -> String {
        switch language {
        case .fr: fr
        case .en: en ?? fr
        case .ar: ar ?? fr
        }
    }
}

/// The languages Seguia stores and searches.
public enum Language: String, CaseIterable, Sendable, Codable {
    case fr, en, ar
}
