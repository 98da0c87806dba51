import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

struct ValueDTO: ResponseCodable {
    var id: Int64?
    var indicator: String
    var territory: String
    var period: String
    var disaggregation: String
    var vintage: String?
    var value: Decimal
    var unit: String
    var source: String
    var quality: String
    var reviewFlag: String
    var reviewReason: String?
    var note: String?
    var computed: Bool

    init(_ value: IndicatorValue) {
        id = value.id
        indicator = value.indicator
        territory = value.territory
        period = value.period
        disaggregation = value.disaggregation
        vintage = value.vintage.isEmpty ? nil : value.vintage
        self.value = value.value
        unit = value.unit
        source = value.source
        quality = value.quality
        reviewFlag = value.reviewFlag
        reviewReason = value.reviewReason
        note = value.note
        computed = value.id == nil
    }

    enum CodingKeys: String, CodingKey {
        case id, indicator, territory, period, disaggregation, vintage, value, unit, source, quality, note, computed
        case reviewFlag = "review_flag"
        case reviewReason = "review_reason"
    }
}

/// A page of values: `total` counts every matching value; `next_offset` is where the next page starts, if any.
struct ValuePageDTO: ResponseEncodable {
    var items: [ValueDTO]
    var total: Int
    var nextOffset: Int?

    enum CodingKeys: String, CodingKey {
        case items, total
        case nextOffset = "next_offset"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(total, forKey: .total)
        try container.encode(nextOffset, forKey: .nextOffset)
    }
}

struct ValueChangeDTO: Codable, Sendable {
    var changedAt: String
    var changedBy: String
    var oldValue: Decimal?
    var newValue: Decimal?
    var oldSource: String?
    var newSource: String?
    var note: String?

    init(_ change: ValueChange) {
        changedAt = ISO8601DateFormatter().string(from: change.changedAt)
        changedBy = change.changedBy
        oldValue = change.oldValue
        newValue = change.newValue
        oldSource = change.oldSource
        newSource = change.newSource
        note = change.note
    }

    enum CodingKeys: String, CodingKey {
        case note
        case changedAt = "changed_at"
        case changedBy = "changed_by"
        case oldValue = "old_value"
        case newValue = "new_value"
        case oldSource = "old_source"
        case newSource = "new_source"
    }
}

struct ImportOutcomeDTO: ResponseEncodable {
    var format: String
    var rows: Int
    var inserted: Int
    var updated: Int
    var unchanged: Int
    var skipped: Int
    var flagged: Int
    var dryRun: Bool

    enum CodingKeys: String, CodingKey {
        case format, rows, inserted, updated, unchanged, skipped, flagged
        case dryRun = "dry_run"
    }
}
