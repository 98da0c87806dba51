import Foundation

/// An indicator as defined, with how it is computed when it is.
public struct IndicatorDefinition: Sendable, Equatable {
    public var code: String
    public var names: LocalizedNames
    public var unit: String
    public var direction: String
    public var decimals: Int
    public var minimum: Decimal?
    public var maximum: Decimal?
    public var theme: String?
    public var sdgIndicator: String?
    public var unSeriesCode: String?
    /// `ratio` (numerator / denominator × factor) or `complement` (100 − numerator).
    public var formula: (kind: String, numerator: String, denominator: String?, factor: Decimal?)?
    public var valueCount: Int
    /// What it measures, as the sources define it.
    public var description: String?
    /// `un` when the Arabic name is the UN's own wording (read in `arabicNameSource`), `seguia`
    /// when it is Seguia's translation.
    public var arabicNameOrigin: String?
    public var arabicNameSource: String?

    public static func == (lhs: IndicatorDefinition, rhs: IndicatorDefinition) -> Bool { lhs.code == rhs.code }

    public init(
        code: String, names: LocalizedNames, unit: String, direction: String, decimals: Int, minimum: Decimal? = nil, maximum: Decimal? = nil,
        theme: String? = nil, sdgIndicator: String? = nil, unSeriesCode: String? = nil,
        formula: (kind: String, numerator: String, denominator: String?, factor: Decimal?)? = nil, valueCount: Int = 0
    ) {
        self.code = code
        self.names = names
        self.unit = unit
        self.direction = direction
        self.decimals = decimals
        self.minimum = minimum
        self.maximum = maximum
        self.theme = theme
        self.sdgIndicator = sdgIndicator
        self.unSeriesCode = unSeriesCode
        self.formula = formula
        self.valueCount = valueCount
    }
}

/// A stored or computed value with everything needed to cite it.
public struct IndicatorValue: Sendable, Equatable {
    /// `nil` for a computed value.
    public var id: Int64?
    public var indicator: String
    public var territory: String
    public var period: String
    public var disaggregation: String
    public var vintage: String
    public var value: Decimal
    public var unit: String
    public var source: String
    public var quality: String
    public var reviewFlag: String
    public var reviewReason: String?
    public var note: String?
    /// Stored values only: changes with every write, for `If-Match`.
    public var version: Int64?

    public init(
        id: Int64?, indicator: String, territory: String, period: String, disaggregation: String = "total", vintage: String = "",
        value: Decimal, unit: String, source: String, quality: String = "reported", reviewFlag: String = "ok", reviewReason: String? = nil,
        note: String? = nil, version: Int64? = nil
    ) {
        self.id = id
        self.indicator = indicator
        self.territory = territory
        self.period = period
        self.disaggregation = disaggregation
        self.vintage = vintage
        self.value = value
        self.unit = unit
        self.source = source
        self.quality = quality
        self.reviewFlag = reviewFlag
        self.reviewReason = reviewReason
        self.note = note
        self.version = version
    }

    /// The entity tag of a stored value, for `If-Match`.
    public var entityTag: String? {
        guard let id, let version else { return nil }
        return "\"v\(id)-\(version)\""
    }
}

