import Foundation

extension PracticeContent {
    /// Problems the content has on its own, before the database checks its references.
    public func issues() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(FieldIssue(field: "title", reason: "must not be empty"))
        } else {
            TextLimits.check(title, field: "title", limit: TextLimits.title, into: &issues)
        }
        issues += lengthIssues()
        if !Slug.isValid(slug) {
            issues.append(FieldIssue(
                field: "slug", reason: "must be lower-case letters and digits separated by single dashes, at most 120 characters, with at least one letter"))
        }
        let start = period.start.map { ($0, DatePrecision.parseDay($0)) }
        let end = period.end.map { ($0, DatePrecision.parseDay($0)) }
        if let (text, date) = start, date == nil { issues.append(FieldIssue(field: "period.start", reason: "'\(text)' is not a date")) }
        if let (text, date) = end, date == nil { issues.append(FieldIssue(field: "period.end", reason: "'\(text)' is not a date")) }
        if let startDate = start?.1, let endDate = end?.1, endDate < startDate {
            issues.append(FieldIssue(field: "period.end", reason: "is before the start"))
        }
        for (code, count) in Dictionary(territories.map { ($0.code, 1) }, uniquingKeysWith: +) where count > 1 {
            issues.append(FieldIssue(field: "territories", reason: "'\(code)' is listed twice"))
        }
        for (code, count) in Dictionary(organisations.map { ($0.code, 1) }, uniquingKeysWith: +) where count > 1 {
            issues.append(FieldIssue(field: "organisations", reason: "'\(code)' is listed twice"))
        }
        for (index, section) in sections.enumerated() {
            for language in section.texts.keys where Language(rawValue: language) == nil {
                issues.append(FieldIssue(field: "sections[\(index)].texts", reason: "'\(language)' is not one of fr, en, ar"))
            }
        }
        for (code, translation) in translations.sorted(by: { $0.key < $1.key }) {
            let field = "translations.\(code)"
            if Language(rawValue: code) == nil {
                issues.append(FieldIssue(field: "translations", reason: "'\(code)' is not one of fr, en, ar"))
            } else if code == language.rawValue {
                issues.append(FieldIssue(field: field, reason: "is the sheet's own language: its title and summary are the original"))
            }
            TextLimits.check(translation.title, field: field + ".title", limit: TextLimits.title, into: &issues)
            TextLimits.check(translation.summary, field: field + ".summary", limit: TextLimits.summary, into: &issues)
        }
        return issues
    }

    /// Texts and lists longer than `TextLimits` allows.
    func lengthIssues() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        TextLimits.check(summary, field: "summary", limit: TextLimits.summary, into: &issues)
        TextLimits.check(source, field: "source", limit: TextLimits.source, into: &issues)
        TextLimits.check(count: territories.count, field: "territories", limit: TextLimits.territories, into: &issues)
        TextLimits.check(count: organisations.count, field: "organisations", limit: TextLimits.organisations, into: &issues)
        TextLimits.check(count: themes.count, field: "themes", limit: TextLimits.themes, into: &issues)
        for (index, link) in organisations.enumerated() {
            TextLimits.check(link.role, field: "organisations[\(index)].role", limit: TextLimits.role, into: &issues)
        }
        TextLimits.check(count: sections.count, field: "sections", limit: TextLimits.sections, into: &issues)
        for (index, section) in sections.prefix(TextLimits.sections).enumerated() {
            let field = "sections[\(index)]"
            TextLimits.check(section.title, field: field + ".title", limit: TextLimits.sectionTitle, into: &issues)
            for (language, text) in section.texts.sorted(by: { $0.key < $1.key }) {
                let at = section.texts.count == 1 ? field : "\(field).texts.\(language)"
                TextLimits.check(text.text, field: at + ".text", limit: TextLimits.sectionText, into: &issues)
                TextLimits.check(text.title, field: at + ".title", limit: TextLimits.sectionTitle, into: &issues)
                TextLimits.check(count: text.items.count, field: at + ".items", limit: TextLimits.itemsPerSection, into: &issues)
                TextLimits.check(count: text.quotes.count, field: at + ".quotes", limit: TextLimits.quotesPerSection, into: &issues)
                for (position, item) in text.items.prefix(TextLimits.itemsPerSection).enumerated() {
                    TextLimits.check(item, field: "\(at).items[\(position)]", limit: TextLimits.item, into: &issues)
                }
                for (position, quote) in text.quotes.prefix(TextLimits.quotesPerSection).enumerated() {
                    TextLimits.check(quote.text, field: "\(at).quotes[\(position)].text", limit: TextLimits.quote, into: &issues)
                    TextLimits.check(quote.speaker, field: "\(at).quotes[\(position)].speaker", limit: TextLimits.speaker, into: &issues)
                }
            }
        }
        return issues
    }

    /// The top-level fields whose values differ from `other`'s, and the keys of the sections that differ.
    public func changes(from other: PracticeContent) -> (fields: [String], sections: [String]) {
        var fields: [String] = []
        if slug != other.slug { fields.append("slug") }
        if title != other.title { fields.append("title") }
        if summary != other.summary { fields.append("summary") }
        if language != other.language { fields.append("language") }
        if organisation != other.organisation { fields.append("organisation") }
        if period != other.period { fields.append("period") }
        if status != other.status { fields.append("status") }
        if confidentiality != other.confidentiality { fields.append("confidentiality") }
        if source != other.source { fields.append("source") }
        if territories != other.territories { fields.append("territories") }
        if organisations != other.organisations { fields.append("organisations") }
        if themes != other.themes { fields.append("themes") }
        if translations != other.translations { fields.append("translations") }
        var sectionKeys: [String] = []
        let count = max(sections.count, other.sections.count)
        for index in 0..<count {
            let mine = index < sections.count ? sections[index] : nil
            let theirs = index < other.sections.count ? other.sections[index] : nil
            if mine != theirs, let key = (mine ?? theirs)?.key.rawValue, !sectionKeys.contains(key) { sectionKeys.append(key) }
        }
        if !sectionKeys.isEmpty { fields.append("sections") }
        return (fields, sectionKeys)
    }
}

/// URL-friendly identifiers of practices.
public enum Slug {
    /// Lower-case letters and digits between single dashes, at most 120, with at least one letter:
    /// an identifier of digits alone is an id, so a slug never reads as another practice's id.
    public static func isValid(_ slug: String) -> Bool {
        guard !slug.isEmpty, slug.count <= 120, !slug.hasPrefix("-"), !slug.hasSuffix("-"), !slug.contains("--") else { return false }
        return slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" } && slug.contains { ("a"..."z").contains($0) }
    }

    /// Whether an identifier in a URL is an id (digits alone) rather than a slug.
    public static func isNumericIdentifier(_ identifier: String) -> Bool {
        !identifier.isEmpty && identifier.count <= 18 && identifier.allSatisfy { ("0"..."9").contains($0) }
    }

    /// A slug made from a title: lower case, accents dropped, words joined by dashes, at most 80
    /// characters; `fallback` alone when the title has no such word, before it when it has digits alone.
    public static func from(_ title: String, fallback: String = "practice") -> String {
        let words = TextMatcher.normalise(title).split(separator: " ").filter { $0.allSatisfy(\.isASCII) }
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? String(word) : slug + "-" + word
            if next.count > 80 { break }
            slug = next
        }
        if slug.isEmpty { return fallback }
        return slug.contains { ("a"..."z").contains($0) } ? slug : fallback + "-" + slug
    }
}

extension PracticeStatus {
    /// The editorial moves allowed: draft ⇄ in review → published ⇄ in review, and anything to archived and back to draft.
    public func canMove(to next: PracticeStatus) -> Bool {
        switch (self, next) {
        case (let a, let b) where a == b: true
        case (.draft, .inReview), (.inReview, .draft), (.inReview, .published), (.published, .inReview): true
        case (_, .archived), (.archived, .draft): true
        default: false
        }
    }
}
