import Foundation
import SeguiaCore

/// The editor's fields as the form sends them and as the page shows them again: what a person
/// typed is carried in this shape from the request back into the page, whatever went wrong.
///
/// Sections are written in the sheet's own language; each remembers which stored section it
/// came from (`origin`), so that its translations, kept out of the editor, stay with it whatever
/// the order or the key chosen.
struct PracticeEditorForm: Sendable, Equatable {
    struct SectionField: Sendable, Equatable {
        var origin: Int?
        var key: SectionKey
        var title: String
        var text: String
        var items: String
        var quotes: String
        var position: Int
        var remove = false
    }

    /// The revision the form started from (nil for a new sheet).
    var revision: Int?
    var title = ""
    var summary = ""
    var periodStart = ""
    var periodEnd = ""
    var confidentiality: Confidentiality = .public
    var organisation = ""
    /// One territory a line: `PS-TBS lead`.
    var territories = ""
    /// One organisation a line: `AFD funder`.
    var organisations = ""
    var themes: [String] = []
    var sections: [SectionField] = []
    /// Links an imported document suggested, offered as boxes to tick (`territory` or `organisation`).
    var proposals: [Proposal] = []

    struct Proposal: Sendable, Equatable {
        var kind: String
        var code: String
        var name: String
        var mentions: Int
        var chosen: Bool

        /// How the form carries an offer, so that the page shows it again: `kind|code|mentions|name`.
        var offered: String { "\(kind)|\(code)|\(mentions)|\(name)" }
        var choice: String { "\(kind)|\(code)" }
    }

    init() {}

    init(content: PracticeContent, revision: Int?) {
        self.revision = revision
        title = content.title
        summary = content.summary ?? ""
        periodStart = content.period.startText ?? ""
        periodEnd = content.period.endText ?? ""
        confidentiality = content.confidentiality
        organisation = content.organisation ?? ""
        territories = content.territories.map { "\($0.code) \($0.role.rawValue)" }.joined(separator: "\n")
        organisations = content.organisations.map { [$0.code, $0.role].compactMap { $0 }.joined(separator: " ") }.joined(separator: "\n")
        themes = content.themes
        let language = content.language.rawValue
        sections = content.sections.enumerated().map { index, section in
            let text = section.texts[language] ?? PracticeContent.SectionText()
            return SectionField(
                origin: index, key: section.key, title: section.title ?? "", text: text.text, items: text.items.joined(separator: "\n"),
                quotes: text.quotes.map { Self.quoteLine($0) }.joined(separator: "\n"), position: index + 1)
        }
    }

    /// Reads the posted form; fields it cannot read are problems, kept for the page to show.
    init(_ form: QueryParameters, problems: inout [FieldIssue]) {
        func text(_ name: String) -> String { form.values[name]?.replacingOccurrences(of: "\r\n", with: "\n") ?? "" }
        revision = form.values["revision"].flatMap { Int($0) }
        title = text("title")
        summary = text("summary")
        periodStart = text("period_start").trimmingCharacters(in: .whitespaces)
        periodEnd = text("period_end").trimmingCharacters(in: .whitespaces)
        confidentiality = Confidentiality(rawValue: text("confidentiality")) ?? .public
        organisation = text("organisation").trimmingCharacters(in: .whitespaces).uppercased()
        territories = text("territories")
        organisations = text("organisations")
        themes = form.allValues["themes"] ?? []
        let chosen = Set(form.allValues["chosen"] ?? [])
        proposals = (form.allValues["offered"] ?? []).compactMap { offer in
            let parts = offer.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, ["territory", "organisation"].contains(parts[0]) else { return nil }
            return Proposal(kind: parts[0], code: parts[1], name: parts[3], mentions: Int(parts[2]) ?? 0, chosen: chosen.contains("\(parts[0])|\(parts[1])"))
        }
        let count = min(Int(text("sections")) ?? 0, TextLimits.sections + 1)
        for index in 0..<count {
            let prefix = "s\(index)_"
            guard let key = SectionKey(rawValue: text(prefix + "key")) else {
                problems.append(FieldIssue(field: "sections[\(index)].key", reason: "choose what the section is"))
                continue
            }
            sections.append(
                SectionField(
                    origin: Int(text(prefix + "origin")), key: key, title: text(prefix + "title"), text: text(prefix + "text"),
                    items: text(prefix + "items"), quotes: text(prefix + "quotes"), position: Int(text(prefix + "position")) ?? index + 1,
                    remove: form.values[prefix + "remove"] != nil))
        }
    }

    /// `current` with this form's fields written over it, in its own language; its translations
    /// and status untouched.
    func applied(to current: PracticeContent) throws -> PracticeContent {
        var content = current
        var problems: [FieldIssue] = []
        content.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        content.summary = summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : summary.trimmingCharacters(in: .whitespacesAndNewlines)
        var period = PeriodDTO(DatePeriod())
        period.start = periodStart.isEmpty ? nil : periodStart
        period.end = periodEnd.isEmpty ? nil : periodEnd
        period.precision = nil
        do { content.period = try PracticeInput.period(period) } catch AppError.invalid(let issues) { problems += issues }
        content.confidentiality = confidentiality
        content.organisation = organisation.isEmpty ? nil : organisation
        content.territories = []
        for (number, line) in Self.lines(territories).enumerated() {
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard let role = TerritoryRole(rawValue: words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces).lowercased() : "partner") else {
                problems.append(FieldIssue(field: "territories", reason: "line \(number + 1): the role is lead, partner or beneficiary"))
                continue
            }
            content.territories.append(PracticeContent.TerritoryLink(code: TerritoryCode.normalise(words[0]), role: role))
        }
        content.organisations = Self.lines(organisations).map { line in
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            return PracticeContent.OrganisationLink(code: words[0].uppercased(), role: words.count > 1 ? words[1] : nil)
        }
        for proposal in proposals where proposal.chosen {
            if proposal.kind == "territory", !content.territories.contains(where: { $0.code == proposal.code }) {
                content.territories.append(PracticeContent.TerritoryLink(code: proposal.code, role: .partner))
            } else if proposal.kind == "organisation", !content.organisations.contains(where: { $0.code == proposal.code }) {
                content.organisations.append(PracticeContent.OrganisationLink(code: proposal.code))
            }
        }
        content.themes = themes
        let language = current.language.rawValue
        content.sections = sections.filter { !$0.remove }.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .map(\.element).map { field in
                var section = field.origin.flatMap { current.sections.indices.contains($0) ? current.sections[$0] : nil }
                    ?? PracticeContent.Section(key: field.key, texts: [:])
                section.key = field.key
                let heading = field.title.trimmingCharacters(in: .whitespacesAndNewlines)
                section.title = heading.isEmpty ? nil : heading
                var text = section.texts[language] ?? PracticeContent.SectionText()
                text.text = field.text.trimmingCharacters(in: .whitespacesAndNewlines)
                text.items = Self.lines(field.items)
                text.quotes = Self.lines(field.quotes).map(Self.quote)
                section.texts[language] = text
                return section
            }
        if !problems.isEmpty { throw AppError.invalid(problems) }
        return content
    }

    /// A section added at the end, empty, for the page to show.
    mutating func addSection() {
        let next = (sections.map(\.position).max() ?? 0) + 1
        sections.append(SectionField(origin: nil, key: .other, title: "", text: "", items: "", quotes: "", position: next))
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `« text » — speaker`, as the editor writes a quote on one line.
    static func quoteLine(_ quote: Quote) -> String {
        quote.text + (quote.speaker.map { " — " + $0 } ?? "")
    }

    static func quote(_ line: String) -> Quote {
        let trimmed = line.trimmingCharacters(in: CharacterSet(charactersIn: "«»\"“” "))
        guard let dash = line.range(of: " — ", options: .backwards) else { return Quote(text: trimmed) }
        let text = line[..<dash.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "«»\"“” "))
        let speaker = line[dash.upperBound...].trimmingCharacters(in: .whitespaces)
        return Quote(text: text, speaker: speaker.isEmpty ? nil : speaker)
    }
}
