/// Practices side by side: themes × territories, each cell with its practices and what they
/// say worked (levers), held them back (limits), taught (lessons) and recommend. A practice is in
/// the cell of the most precise territory compared that contains it, not in every enclosing one.
public struct PracticeComparison: Sendable {
    public struct Entry: Sendable, Equatable {
        public var slug: String
        public var title: String
        public var organisations: String
        public var periodStart: String?
        public var periodEnd: String?
        public var levers: String
        public var limits: String
        public var lessons: String
        public var recommendations: String

        public init(
            slug: String, title: String, organisations: String, periodStart: String?, periodEnd: String?, levers: String, limits: String,
            lessons: String, recommendations: String = ""
        ) {
            self.recommendations = recommendations
            self.slug = slug
            self.title = title
            self.organisations = organisations
            self.periodStart = periodStart
            self.periodEnd = periodEnd
            self.levers = levers
            self.limits = limits
            self.lessons = lessons
        }

        public var period: String {
            switch (periodStart, periodEnd) {
            case (nil, nil): ""
            case (let start?, nil): "\(start) –"
            case (nil, let end?): "– \(end)"
            case (let start?, let end?): "\(start) – \(end)"
            }
        }

        public var link: String { "/api/v1/practices/\(slug)" }
    }

    public struct Cell: Sendable {
        public var territory: String
        public var practices: [Entry]
        /// How many practices the cell has, shown or not.
        public var total: Int

        public init(territory: String, practices: [Entry], total: Int? = nil) {
            self.territory = territory
            self.practices = practices
            self.total = total ?? practices.count
        }
    }

    public struct ThemeRow: Sendable {
        public var key: String
        public var name: String
        /// In the order of `territories`.
        public var cells: [Cell]

        public init(key: String, name: String, cells: [Cell]) {
            self.key = key
            self.name = name
            self.cells = cells
        }
    }

    public var territories: [TerritoryLabel]
    public var themes: [ThemeRow]

    public init(territories: [TerritoryLabel], themes: [ThemeRow]) {
        self.territories = territories
        self.themes = themes
    }
}

extension ReportDocument {
    /// One row per theme × territory × practice; a cell without practice is a row saying so.
    public init(practices comparison: PracticeComparison, language: Language) {
        let text = ReportText(language)
        let columns = ["theme", "territory", "territory_code", "practice", "link", "organisations", "period", "levers", "limits", "lessons", "recommendations"]
            .map { text[$0] }
        var rows: [[ReportTable.Cell]] = []
        var empty = 0
        for theme in comparison.themes {
            for (cell, territory) in zip(theme.cells, comparison.territories) {
                guard !cell.practices.isEmpty else {
                    empty += 1
                    rows.append([.text(theme.name), .text(territory.name), .text(territory.code), .text(text["none"])] + Array(repeating: .empty, count: 7))
                    continue
                }
                for practice in cell.practices {
                    func optional(_ value: String) -> ReportTable.Cell { value.isEmpty ? .empty : .text(value) }
                    rows.append([
                        .text(theme.name), .text(territory.name), .text(territory.code), .text(practice.title), .text(practice.link),
                        optional(practice.organisations), optional(practice.period), optional(practice.levers), optional(practice.limits),
                        optional(practice.lessons), optional(practice.recommendations),
                    ])
                }
            }
        }
        let codes = comparison.territories.map(\.code)
        self.init(
            title: "\(text["practice_comparison"]) — \(text.list(codes))", subtitle: comparison.themes.map(\.name).joined(separator: " · "),
            language: language,
            notes: [text.emptyPracticeCells(empty, of: comparison.themes.count * comparison.territories.count)],
            tables: [ReportTable(name: text["practice_comparison"], columns: columns, rows: rows)], charts: [], sources: [],
            fileStem: ([text["file_practices"]] + codes).joined(separator: "-"))
    }
}
