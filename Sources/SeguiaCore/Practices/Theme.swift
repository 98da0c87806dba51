/// A theme of practices and the SDG 6.5.1 components it documents.
public struct Theme: Sendable, Equatable {
    public var key: String
    public var names: LocalizedNames
    /// One of the three themes of the cooperation's mission (governance, water service, reuse).
    public var isMissionTheme: Bool
    /// Among `enabling_environment`, `institutions_participation`, `management_instruments`, `financing`.
    public var sdg651Components: [String]

    public init(key: String, names: LocalizedNames, isMissionTheme: Bool, sdg651Components: [String]) {
        self.key = key
        self.names = names
        self.isMissionTheme = isMissionTheme
        self.sdg651Components = sdg651Components
    }
}
