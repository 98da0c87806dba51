import Foundation
import Hummingbird
import Logging
import SeguiaCore
import SeguiaStore

/// `/{lang}/practices`: text search with facets that combine, in the URL (shareable, and the
/// back button works); an empty result offers to drop each filter.
struct PracticeSearchPage: Sendable {
    let renderer: WebRenderer
    let search: PracticeSearch
    let territories: TerritoryRepository
    let documents: DocumentRepository

    /// The parameters a page link may carry, in the order links write them.
    static let filterNames = ["q", "territory", "theme", "organisation", "from", "to", "lang"]

    func response(_ language: Language, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        var query = PracticeQuery(&parameters)
        query.status = nil
        query.labelLanguage = language
        query.translatesTitles = true
        try parameters.validate()
        // The sheets, the territories' names and the documents the same words find are read at
        // once, each on its connection: the page takes the time of the slowest, not of all three.
        let logger = context.logger
        let audience = context.identity.audience
        async let searched = search.search(query, audience: .anonymous, logger: logger)
        async let listed = territories.list(.init(), logger: logger)
        async let documentsFound = Self.documents(finding: query.text, in: documents, audience: audience, language: language, logger: logger)
        let page = try await searched
        let all = try await listed
        let catalogue = renderer.catalogue
        let names = Dictionary(all.map { ($0.code, $0.names.preferred(language)) }, uniquingKeysWith: { first, _ in first })

        var current: [String: String] = [:]
        for name in Self.filterNames { if let value = parameters.string(name) { current[name] = value } }
        // The facets as read (codes normalised), several values a facet joined by commas.
        let chosen: [String: [String]] = [
            "territory": query.territories, "theme": query.themes, "organisation": query.organisations, "lang": query.languages.map(\.rawValue),
        ]
        for (name, values) in chosen { current[name] = values.isEmpty ? nil : values.joined(separator: ",") }
        let base = "/\(language.rawValue)/practices"
        func link(_ changes: [String: String?]) -> String { Self.link(base, current, changes) }
        /// The link that adds `value` to facet `name`, or takes it out when it is chosen.
        func toggle(_ name: String, _ value: String) -> String {
            var values = chosen[name] ?? []
            if let index = values.firstIndex(of: value) { values.remove(at: index) } else { values.append(value) }
            return link([name: values.isEmpty ? nil : values.joined(separator: ",")])
        }

        let labels = Dictionary(
            page.facets.flatMap { facet, counts in counts.map { ("\(facet):\($0.key)", $0.label) } }, uniquingKeysWith: { first, _ in first })
        func label(_ facet: String, _ key: String) -> String {
            switch facet {
            case "territory": names[key] ?? labels["territory:\(key)"] ?? key
            case "lang", "language": catalogue.text("language_\(key)", language)
            default: labels["\(facet):\(key)"] ?? key
            }
        }
        // What is applied, each value with the link that removes it.
        var active: [[String: Any]] = []
        for (name, facet) in [("territory", "territory"), ("theme", "theme"), ("organisation", "organisation"), ("lang", "language")] {
            for value in chosen[name] ?? [] {
                active.append(["label": "\(catalogue.text("facet_\(facet)", language)) : \(label(facet, value))", "href": toggle(name, value)])
            }
        }
        if current["from"] != nil || current["to"] != nil {
            let years = [current["from"], current["to"]].compactMap { $0 }
            let span = Set(years).count == 1 ? years[0] : years.joined(separator: "–")
            active.append(["label": "\(catalogue.text("facet_year", language)) : \(span)", "href": link(["from": nil, "to": nil])])
        }

        let facetGroups: [[String: Any]] = [
            ["heading": catalogue.text("facet_territory", language),
             "entries": territoryTree(page.facets["territory"] ?? [], all, chosen["territory"] ?? [], { toggle("territory", $0) })],
            ["heading": catalogue.text("facet_theme", language), "entries": entries(page.facets["theme"] ?? [], chosen["theme"] ?? [], { toggle("theme", $0) })],
            ["heading": catalogue.text("facet_organisation", language),
             "entries": entries(page.facets["organisation"] ?? [], chosen["organisation"] ?? [], { toggle("organisation", $0) })],
            ["heading": catalogue.text("facet_year", language),
             "entries": (page.facets["year"] ?? []).sorted { $0.key > $1.key }.prefix(30).map { count -> [String: Any] in
                 let chosen = current["from"] == count.key && current["to"] == count.key
                 return ["label": count.key, "count": count.count, "current": chosen,
                         "href": chosen ? link(["from": nil, "to": nil]) : link(["from": count.key, "to": count.key, "cursor": nil])]
             }],
            ["heading": catalogue.text("facet_language", language),
             "entries": (page.facets["language"] ?? []).map { count -> [String: Any] in
                 ["label": catalogue.text("language_\(count.key)", language), "count": count.count,
                  "current": (chosen["lang"] ?? []).contains(count.key), "href": toggle("lang", count.key), "entryLanguage": count.key]
             }],
        ].filter { !(($0["entries"] as? [Any]) ?? []).isEmpty }

        let bound = Self.grouped(PracticePage.exactCountBound, language)
        var countText = page.totalIsExact
            ? catalogue.text("results_count", language, ["count": "\(page.total)"])
            : catalogue.text("results_count_more", language, ["count": bound])
        if let text = query.text { countText += " " + catalogue.text("results_for", language, ["q": text]) }
        var drops: [[String: Any]] = []
        if page.total == 0 {
            if let text = query.text { drops.append(["label": catalogue.text("results_drop_text", language, ["q": text]), "href": link(["q": nil])]) }
            for filter in active {
                drops.append(["label": catalogue.text("results_drop_filter", language, ["filter": filter["label"] as? String ?? ""]), "href": filter["href"] ?? base])
            }
        }
        var values: [String: Any] = [
            "countText": countText, "results": page.items.map { PracticeCard.values($0, language: language, territoryNames: names) },
            "facets": page.facetsAreExact ? facetGroups : facetGroups.map(Self.markedAsMinimums),
            "facetsEstimated": page.facetsAreExact ? "" : catalogue.text("facets_estimated", language, ["count": bound]),
            "active": active, "hasActive": !active.isEmpty, "empty": page.total == 0, "drops": drops,
        ]
        // The documents the same words find, beside the sheets: the first few and their kinds, with the way to all of them.
        if let text = query.text, let found = try await documentsFound {
            if found.total > 0 {
                let documentsBase = "/\(language.rawValue)/documents?q=" + FormEncoding.encoded(text)
                values["documents"] = DocumentPages.listing(found.items, snippets: found.snippets, language: language, catalogue: catalogue)
                values["documentsFound"] = catalogue.text("documents_found", language, ["count": "\(found.total)"])
                values["documentsHref"] = documentsBase
                values["documentKinds"] = DocumentKind.allCases.compactMap { kind -> [String: Any]? in
                    guard let count = found.kindCounts[kind] else { return nil }
                    return ["label": catalogue.text("document_kind_\(kind.rawValue)", language), "count": count, "href": documentsBase + "&kind=\(kind.rawValue)"]
                }
            }
        }
        if let next = page.next { values["next"] = link(["cursor": next.token]) }
        if query.cursor != nil { values["first"] = link(["cursor": nil]) }
        var title = catalogue.text("nav_practices", language)
        if let text = query.text { title = "\(text) — \(title)" }
        return renderer.response(
            WebPage(template: "practices", title: title, values: values, searchText: query.text), language: language, request: request)
    }

    /// Each value with its count and the link that adds it to the facet's choice or takes it out.
    private func entries(_ counts: [FacetCount], _ chosen: [String], _ toggle: (String) -> String) -> [[String: Any]] {
        // The chosen values first, then the most frequent; a chosen one never falls off the list.
        let ordered = counts.filter { chosen.contains($0.key) } + counts.filter { !chosen.contains($0.key) }.prefix(30)
        return ordered.map { count in
            ["label": count.label, "count": count.count, "current": chosen.contains(count.key), "href": toggle(count.key)]
        }
    }

    /// The territories with matches, each under its parent, countries first; a count includes
    /// the practices of the territories a territory contains.
    private func territoryTree(_ counts: [FacetCount], _ all: [Territory], _ chosen: [String], _ toggle: (String) -> String) -> [[String: Any]] {
        let byCode = Dictionary(counts.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        // Most matches first among siblings.
        let tree = TerritoryTree.walk(all.filter { byCode[$0.code] != nil }, maximumDepth: 3) { first, second in
            (byCode[first.code]?.count ?? 0, second.code) > (byCode[second.code]?.count ?? 0, first.code)
        }
        return tree.compactMap { territory, depth -> [String: Any]? in
            guard let count = byCode[territory.code] else { return nil }
            return [
                "label": count.label, "count": count.count, "current": chosen.contains(territory.code), "depth": min(depth, 3),
                "href": toggle(territory.code),
            ]
        }
    }

    /// `base?q=…&territory=…` with `changes` applied (nil removes); a new filter starts again at page one.
    static func link(_ base: String, _ current: [String: String], _ changes: [String: String?]) -> String {
        var values = current
        for (name, value) in changes { values[name] = value }
        if !changes.keys.contains("cursor") { values["cursor"] = nil }
        let pairs = (filterNames + ["cursor"]).compactMap { name in values[name].map { (name: name, value: $0) } }
        return pairs.isEmpty ? base : base + "?" + FormEncoding.query(pairs)
    }

    /// Counts over part of the matches are lower bounds: shown "≥ n".
    static func markedAsMinimums(_ group: [String: Any]) -> [String: Any] {
        var group = group
        group["entries"] = ((group["entries"] as? [[String: Any]]) ?? []).map { entry in
            var entry = entry
            entry["atLeast"] = true
            return entry
        }
        return group
    }

    /// A number with its digits grouped as the page's language writes them: 10 000 in French,
    /// 10,000 in English and Arabic (the pages write Western digits in every language).
    static func grouped(_ number: Int, _ language: Language) -> String {
        let digits = String(number)
        let separator = language == .fr ? "\u{202F}" : ","
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: separator)
    }

    /// The first documents `text` finds, with their count and kinds; nil without words.
    static func documents(
        finding text: String?, in documents: DocumentRepository, audience: PracticeAudience, language: Language, logger: Logger
    ) async throws -> DocumentPage? {
        guard let text else { return nil }
        return try await documents.search(DocumentQuery(text: text, limit: 3), audience: audience, language: language, logger: logger)
    }
}
