/// A testimony quoted in a sheet, with who speaks when the sheet says so ("collectivité").
public struct Quote: Equatable, Sendable, Codable {
    public var text: String
    public var speaker: String?

    public init(text: String, speaker: String? = nil) {
        self.text = text
        self.speaker = speaker
    }
}
