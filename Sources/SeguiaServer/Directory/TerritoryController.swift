import Foundation
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/api/v1/territories`: the territories and their hierarchy.
struct TerritoryController<Context: RequestContext> {
    let repository: TerritoryRepository

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: list)
            .get("{code}", use: get)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> ListResponse<TerritoryDTO> {
        var query = QueryParameters(request)
        let filter = TerritoryRepository.Filter(
            kind: query.enumeration("kind", as: TerritoryKind.self),
            within: query.territoryCode("within"),
            validOn: query.day("valid_on"))
        try query.validate()
        let territories = try await repository.list(filter, logger: context.logger)
        return ListResponse(items: territories.map(TerritoryDTO.init))
    }

    @Sendable func get(_ request: Request, context: Context) async throws -> TerritoryDetailDTO {
        let code = TerritoryCode.normalise(try context.parameters.require("code"))
        guard TerritoryCode.isValid(code) else { throw AppError.notFound(resource: "territory", identifier: code) }
        return TerritoryDetailDTO(try await repository.detail(code: code, logger: context.logger))
    }
}

struct TerritoryDTO: ResponseEncodable, Equatable {
    var code: String
    var kind: String
    var names: LocalizedNames
    var parent: String?
    var isoCode: String?
    var officialIdentifier: String?
    var validFrom: String?
    var validTo: String?

    init(_ territory: Territory) {
        code = territory.code
        kind = territory.kind.rawValue
        names = territory.names
        parent = territory.parentCode
        isoCode = territory.isoCode
        officialIdentifier = territory.officialIdentifier
        validFrom = territory.validFrom.map { DatePrecision.day.format($0) }
        validTo = territory.validTo.map { DatePrecision.day.format($0) }
    }

    enum CodingKeys: String, CodingKey {
        case code, kind, names, parent
        case isoCode = "iso_code"
        case officialIdentifier = "official_identifier"
        case validFrom = "valid_from"
        case validTo = "valid_to"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(kind, forKey: .kind)
        try container.encode(names, forKey: .names)
        // Absent values are written as null so every territory has the same keys.
        try container.encode(parent, forKey: .parent)
        try container.encode(isoCode, forKey: .isoCode)
        try container.encode(officialIdentifier, forKey: .officialIdentifier)
        try container.encode(validFrom, forKey: .validFrom)
        try container.encode(validTo, forKey: .validTo)
    }
}

struct TerritoryDetailDTO: ResponseEncodable {
    var territory: TerritoryDTO
    /// From the direct parent up to the country.
    var ancestors: [TerritoryDTO]
    var children: [TerritoryDTO]

    init(_ detail: TerritoryDetail) {
        territory = TerritoryDTO(detail.territory)
        ancestors = detail.ancestors.map(TerritoryDTO.init)
        children = detail.children.map(TerritoryDTO.init)
    }

    enum CodingKeys: String, CodingKey {
        case ancestors, children
    }

    func encode(to encoder: any Encoder) throws {
        try territory.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ancestors, forKey: .ancestors)
        try container.encode(children, forKey: .children)
    }
}

/// The envelope of every list answer.
struct ListResponse<Item: Encodable & Sendable>: ResponseEncodable {
    var items: [Item]
    var total: Int

    init(items: [Item]) {
        self.items = items
        self.total = items.count
    }
}
