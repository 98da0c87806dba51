import Foundation
import Hummingbird
import SeguiaCore

/// The JSON body of `POST`, `PUT` and `PATCH` on practices: the shape `GET` answers, so a client
/// can read a practice, change it and send it back. Read-only fields of that shape are accepted
/// and ignored; any other unknown field is an error.
struct PracticeInput: Decodable {
    static let writableFields: Set<String> = [
        "slug", "title", "summary", "language", "organisation", "period", "status", "confidentiality", "source", "territories",
        "organisations", "themes", "sections", "message", "translations",
    ]
    static let readOnlyFields: Set<String> = ["id", "revision", "created_at", "updated_at", "created_by", "updated_by"]

    struct OrganisationReference: Decodable {
        var code: String

        init(from decoder: any Decoder) throws {
            if let code = try? decoder.singleValueContainer().decode(String.self) {
                self.code = code
            } else {
                enum Keys: String, CodingKey { case code }
                self.code = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .code)
            }
        }
    }

    /// A section as sent: its text in `language` (the sheet's own when absent). In another
    /// language than the sheet's, it is a translation: `title` is the heading in that language
    /// and the original is left as it is.
    struct Section: Decodable {
        var key: SectionKey
        var title: String?
        var language: Language?
        var text: String?
        var items: [String]?
        var quotes: [Quote]?
        var translationStatus: TranslationStatus?
        var translations: [String: PracticeContent.SectionText]?
        /// Which fields were sent: PATCH changes exactly these and keeps the rest (a heading
        /// not repeated is kept, not dropped).
        var presentFields: Set<String> = []

        enum CodingKeys: String, CodingKey {
            case key, title, language, text, items, quotes, translations
            case translationStatus = "translation_status"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(SectionKey.self, forKey: .key)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            language = try container.decodeIfPresent(Language.self, forKey: .language)
            text = try container.decodeIfPresent(String.self, forKey: .text)
            items = try container.decodeIfPresent([String].self, forKey: .items)
            quotes = try container.decodeIfPresent([Quote].self, forKey: .quotes)
            translationStatus = try container.decodeIfPresent(TranslationStatus.self, forKey: .translationStatus)
            translations = try container.decodeIfPresent([String: PracticeContent.SectionText].self, forKey: .translations)
            presentFields = Set(container.allKeys.map(\.stringValue))
        }

        /// The section whole, as PUT and a new section take it.
        func content(practiceLanguage: Language) -> PracticeContent.Section {
            var section = PracticeContent.Section(key: key, title: nil, texts: translations ?? [:])
            merge(into: &section, practiceLanguage: practiceLanguage, replacing: true)
            return section
        }

        /// This section's fields written into `section`: in its language only, the sheet's
        /// other languages untouched; with `replacing`, absent fields are emptied.
        func merge(into section: inout PracticeContent.Section, practiceLanguage: Language, replacing: Bool) {
            let written = language ?? practiceLanguage
            let isOriginal = written == practiceLanguage
            func given(_ field: String) -> Bool { replacing || presentFields.contains(field) }
            var target = section.texts[written.rawValue]
                ?? PracticeContent.SectionText(translationStatus: isOriginal ? .original : .machine)
            if given("text") { target.text = text ?? "" }
            if given("items") { target.items = items ?? [] }
            if given("quotes") { target.quotes = quotes ?? [] }
            if let translationStatus { target.translationStatus = translationStatus } else if replacing { target.translationStatus = isOriginal ? .original : .machine }
            if given("title") {
                if isOriginal { section.title = title } else { target.title = title }
            }
            section.texts[written.rawValue] = target
            for (code, translated) in translations ?? [:] where !(replacing && code == written.rawValue) {
                section.texts[code] = translated
            }
        }
    }

    /// A translation of the sheet's title and summary as sent; PATCH changes the fields sent.
    struct TranslationInput: Decodable {
        var title: String?
        var summary: String?
        var translationStatus: TranslationStatus?
        var presentFields: Set<String> = []

        enum CodingKeys: String, CodingKey {
            case title, summary
            case translationStatus = "translation_status"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            summary = try container.decodeIfPresent(String.self, forKey: .summary)
            translationStatus = try container.decodeIfPresent(TranslationStatus.self, forKey: .translationStatus)
            presentFields = Set(container.allKeys.map(\.stringValue))
        }

        func merged(into existing: PracticeContent.Translation?, replacing: Bool) -> PracticeContent.Translation {
            var result = (replacing ? nil : existing) ?? PracticeContent.Translation()
            if replacing || presentFields.contains("title") { result.title = title }
            if replacing || presentFields.contains("summary") { result.summary = summary }
            if let translationStatus { result.translationStatus = translationStatus }
            return result
        }
    }

    var slug: String?
    var title: String?
    var summary: String?
    var language: Language?
    var organisation: OrganisationReference?
    var period: PeriodDTO?
    var status: PracticeStatus?
    var confidentiality: Confidentiality?
    var source: String?
    var territories: [PracticeContent.TerritoryLink]?
    var organisations: [PracticeContent.OrganisationLink]?
    var themes: [String]?
    var sections: [Section]?
    /// Not part of the sheet: what goes into its history with this change (why it is submitted,
    /// the reasons it is returned).
    var message: String?
    /// Title and summary in other languages; `null` for a language removes its translation.
    var translations: [String: TranslationInput?]?
    /// Which fields the body named, `null` included: PATCH changes exactly these.
    var presentFields: Set<String> = []

    enum CodingKeys: String, CodingKey {
        case slug, title, summary, language, organisation, period, status, confidentiality, source, territories, organisations, themes
        case sections, message, translations
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        slug = try container.decodeIfPresent(String.self, forKey: .slug)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        summary = try container.decodeIfPresent(String.self, forKey: .summary)
        language = try container.decodeIfPresent(Language.self, forKey: .language)
        organisation = try container.decodeIfPresent(OrganisationReference.self, forKey: .organisation)
        period = try container.decodeIfPresent(PeriodDTO.self, forKey: .period)
        status = try container.decodeIfPresent(PracticeStatus.self, forKey: .status)
        confidentiality = try container.decodeIfPresent(Confidentiality.self, forKey: .confidentiality)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        territories = try container.decodeIfPresent([PracticeContent.TerritoryLink].self, forKey: .territories)
        organisations = try container.decodeIfPresent([PracticeContent.OrganisationLink].self, forKey: .organisations)
        themes = try container.decodeIfPresent([String].self, forKey: .themes)
        sections = try container.decodeIfPresent([Section].self, forKey: .sections)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        translations = try container.decodeIfPresent([String: TranslationInput?].self, forKey: .translations)
        presentFields = Set(container.allKeys.map(\.stringValue)).subtracting(["message"])
    }

    /// Reads a JSON body, reporting unknown fields and wrong types field by field.
    static func decode(_ body: ByteBuffer) throws -> PracticeInput {
        let data = try TextRules.checkedJSON(body)
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw AppError.invalid(field: "body", reason: "must be a JSON object")
        }
        let unknown = Set(object.keys).subtracting(writableFields).subtracting(readOnlyFields)
        if !unknown.isEmpty {
            throw AppError.invalid(unknown.sorted().map { FieldIssue(field: $0, reason: "is not a field of a practice") })
        }
        do {
            return try JSONDecoder().decode(PracticeInput.self, from: data)
        } catch let error as DecodingError {
            throw AppError.invalid([error.fieldIssue])
        }
    }

    /// `content` with every field this input gives replaced; with `replacingAll`, absent fields are reset too (PUT).
    func applied(to content: PracticeContent, replacingAll: Bool) throws -> PracticeContent {
        var result = content
        func given(_ field: String) -> Bool { replacingAll || presentFields.contains(field) }
        if given("title") { result.title = title ?? "" }
        if given("slug"), let slug { result.slug = slug }
        if given("summary") { result.summary = summary }
        if given("language") { result.language = language ?? .fr }
        if given("organisation") { result.organisation = organisation?.code.uppercased() }
        if given("period") { result.period = try Self.period(period) }
        if given("status") { result.status = status ?? (replacingAll ? content.status : .draft) }
        if given("confidentiality") { result.confidentiality = confidentiality ?? .public }
        if given("source") { result.source = source }
        if given("territories") {
            result.territories = (territories ?? []).map { PracticeContent.TerritoryLink(code: TerritoryCode.normalise($0.code), role: $0.role) }
        }
        if given("organisations") {
            result.organisations = (organisations ?? []).map { PracticeContent.OrganisationLink(code: $0.code.uppercased(), role: $0.role) }
        }
        if given("themes") { result.themes = themes ?? [] }
        if replacingAll {
            result.sections = (sections ?? []).map { $0.content(practiceLanguage: result.language) }
        } else if let sections {
            // PATCH: a section changes, in its language only, the first one with the same key,
            // or is added at the end.
            for section in sections {
                if let index = result.sections.firstIndex(where: { $0.key == section.key }) {
                    section.merge(into: &result.sections[index], practiceLanguage: result.language, replacing: false)
                } else {
                    result.sections.append(section.content(practiceLanguage: result.language))
                }
            }
        }
        if given("translations") {
            if replacingAll { result.translations = [:] }
            for (code, translation) in translations ?? [:] {
                result.translations[code] = translation.map { $0.merged(into: result.translations[code], replacing: replacingAll) }
            }
        }
        return result
    }

    /// A period given as precisely as known (`2019`, `2019-03`, `2019-03-14`).
    static func period(_ input: PeriodDTO?) throws -> DatePeriod {
        guard let input else { return DatePeriod() }
        func bound(_ text: String, field: String, last: Bool) throws -> (day: String, precision: DatePrecision) {
            guard let bound = DatePeriod.bound(text, last: last) else {
                throw AppError.invalid(field: field, reason: "'\(text)' is not a year (2019), a month (2019-03) or a day (2019-03-14)")
            }
            return bound
        }
        let start = try input.start.map { try bound($0, field: "period.start", last: false) }
        let end = try input.end.map { try bound($0, field: "period.end", last: true) }
        return DatePeriod(start: start?.day, end: end?.day, precision: [start?.precision, end?.precision].compactMap { $0 }.min() ?? .year)
    }
}

extension DecodingError {
    /// The field a decoding failure is about, in `a.b[2].c` form, and what was wrong.
    var fieldIssue: FieldIssue {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce("") { path, key in
                if let index = key.intValue { return path + "[\(index)]" }
                return path.isEmpty ? key.stringValue : path + "." + key.stringValue
            }
        }
        switch self {
        case .typeMismatch(let type, let context):
            return FieldIssue(field: path(context.codingPath), reason: "must be of type \(type)")
        case .valueNotFound(_, let context):
            return FieldIssue(field: path(context.codingPath), reason: "must not be null")
        case .keyNotFound(let key, let context):
            return FieldIssue(field: path(context.codingPath + [key]), reason: "is required")
        case .dataCorrupted(let context):
            return FieldIssue(field: path(context.codingPath), reason: "has a value that is not allowed")
        @unknown default:
            return FieldIssue(field: "body", reason: "could not be read")
        }
    }
}
