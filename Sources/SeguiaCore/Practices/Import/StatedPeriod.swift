import Foundation

/// A period a document states in words: « de 2021 à 2023 », "2019-2022", « depuis 2012 »,
/// "from 2019 to 2022", « entre 2019 et 2022 », "since 2012", « من 2019 إلى 2022 », « منذ 2012 ».
public struct StatedPeriod: Sendable, Equatable, Codable {
    public var startYear: Int
    public var endYear: Int?
    /// The words it was read from.
    public var text: String

    public init(startYear: Int, endYear: Int?, text: String) {
        self.startYear = startYear
        self.endYear = endYear
        self.text = text
    }

    /// As a practice's period: whole years, from 1 January to 31 December.
    public var period: DatePeriod { DatePeriod.years(startYear, through: endYear) }

    private static let plausibleYears = 1950...2100

    /// The first period stated in `text`, if any.
    public static func find(in text: String) -> StatedPeriod? {
        let year = #"((?:19|20|21)\d\d)"#
        let patterns: [String] = [
            #"(?i)\b(?:de|d'|d’|from|between|entre|du|من|بين)\s*"# + year + #"\s*(?:à|a|au|to|and|et|until|till|-|–|—|إلى|الى|و|حتى)\s*[،,]?\s*"# + year + #"\b"#,
            #"(?<![\d/.-])"# + year + #"\s*(?:-|–|—|/|to|à|a)\s*"# + year + #"(?![\d/.-])"#,
            #"(?i)(?:\bdepuis\b|\bsince\b|\bstarting in\b|منذ)\s*(?:l'an\s+|l’an\s+|the year\s+|عام\s+|سنة\s+)?"# + year + #"\b"#,
        ]
        var best: (range: Range<String.Index>, period: StatedPeriod)?
        for (index, pattern) in patterns.enumerated() {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            let range = NSRange(text.startIndex..., in: text)
            for match in regex.matches(in: text, range: range) {
                guard let whole = Range(match.range, in: text), let first = Range(match.range(at: 1), in: text),
                    let start = Int(text[first]), plausibleYears.contains(start)
                else { continue }
                var end: Int?
                if index < 2, let second = Range(match.range(at: 2), in: text), let parsed = Int(text[second]) {
                    guard plausibleYears.contains(parsed), parsed >= start else { continue }
                    end = parsed
                }
                let candidate = StatedPeriod(startYear: start, endYear: end, text: String(text[whole]).trimmingCharacters(in: .whitespaces))
                if best == nil || whole.lowerBound < best!.range.lowerBound { best = (whole, candidate) }
                break
            }
        }
        return best?.period
    }
}
