import Foundation

/// What Seguia holds, for its home page: how much of each kind, and the latest country figure
/// of each SDG 6 indicator.
public struct Overview: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        /// Practices the reader may see.
        public var practices: Int
        public var indicators: Int
        public var values: Int
        public var territories: Int

        public init(practices: Int, indicators: Int, values: Int, territories: Int) {
            self.practices = practices
            self.indicators = indicators
            self.values = values
            self.territories = territories
        }
    }

    /// The latest value of one indicator for one country (total, newest release of the newest period).
    public struct CountryFigure: Sendable, Equatable {
        public var indicator: String
        public var indicatorNames: LocalizedNames
        public var unit: String
        public var decimals: Int
        public var country: String
        public var period: String
        public var value: Decimal
        public var source: String

        public init(
            indicator: String, indicatorNames: LocalizedNames, unit: String, decimals: Int, country: String, period: String, value: Decimal,
            source: String
        ) {
            self.indicator = indicator
            self.indicatorNames = indicatorNames
            self.unit = unit
            self.decimals = decimals
            self.country = country
            self.period = period
            self.value = value
            self.source = source
        }
    }

    public var counts: Counts
    public var figures: [CountryFigure]

    public init(counts: Counts, figures: [CountryFigure]) {
        self.counts = counts
        self.figures = figures
    }
}
