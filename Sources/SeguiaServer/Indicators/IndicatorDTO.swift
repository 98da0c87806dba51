import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

struct IndicatorDTO: ResponseCodable {
    struct Formula: Codable, Sendable {
        var kind: String
        var numerator: String
        var denominator: String?
        var factor: Decimal?
    }

    var code: String
    var names: LocalizedNames
    var unit: String
    var direction: String
    var decimals: Int
    var minimum: Decimal?
    var maximum: Decimal?
    var theme: String?
    var sdgIndicator: String?
    var unSeriesCode: String?
    var formula: Formula?
    var values: Int

    init(_ definition: IndicatorDefinition) {
        code = definition.code
        names = definition.names
        unit = definition.unit
        direction = definition.direction
        decimals = definition.decimals
        minimum = definition.minimum
        maximum = definition.maximum
        theme = definition.theme
        sdgIndicator = definition.sdgIndicator
        unSeriesCode = definition.unSeriesCode
        formula = definition.formula.map { Formula(kind: $0.kind, numerator: $0.numerator, denominator: $0.denominator, factor: $0.factor) }
        values = definition.valueCount
    }

    enum CodingKeys: String, CodingKey {
        case code, names, unit, direction, decimals, minimum, maximum, theme, formula, values
        case sdgIndicator = "sdg_indicator"
        case unSeriesCode = "un_series_code"
    }
}
