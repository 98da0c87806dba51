/// What a project document is, as the partners sort their shared drive.
public enum DocumentKind: String, CaseIterable, Sendable, Codable {
    case missionReport = "mission_report"
    case meetingMinutes = "meeting_minutes"
    case agreement
    case translatedSummary = "translated_summary"
    case presentation
    case photo
    case other

    /// A guess from a file's name and folders, for a shared drive brought in at once: the words
    /// partners use in French, English and Arabic; `other` when nothing says.
    public static func guess(fromPath path: String, mediaType: String) -> DocumentKind {
        let words = path.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        func has(_ candidates: [String]) -> Bool { candidates.contains { words.contains($0) } }
        if has(["compte rendu", "compte-rendu", "comptes rendus", "cr reunion", "minutes", "proces-verbal", "proces verbal", "محضر"]) { return .meetingMinutes }
        if has(["mission", "rapport de mission", "مهمة"]) { return .missionReport }
        if has(["convention", "accord", "agreement", "protocole", "اتفاقية"]) { return .agreement }
        if has(["traduction", "translation", "resume traduit", "ترجمة"]) { return .translatedSummary }
        if has(["presentation", "diaporama", "slides", "عرض"]) || mediaType.contains("presentation") { return .presentation }
        if mediaType.hasPrefix("image/") || has(["photo"]) { return .photo }
        return .other
    }
}
