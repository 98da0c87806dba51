import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/api/v1/organisations`: the directory of cooperation actors.
struct OrganisationController<Context: RequestContext> {
    let repository: OrganisationRepository

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: list)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> ListResponse<OrganisationDTO> {
        var query = QueryParameters(request)
        let filter = OrganisationRepository.Filter(
            kind: query.enumeration("kind", as: OrganisationKind.self),
            territory: query.territoryCode("territory"))
        try query.validate()
        let organisations = try await repository.list(filter, logger: context.logger)
        return ListResponse(items: organisations.map(OrganisationDTO.init))
    }
}

struct OrganisationDTO: Codable, Sendable, Equatable {
    var code: String
    var kind: String
    var names: LocalizedNames
    var acronym: String?
    var homeTerritory: String?
    var website: String?

    init(_ organisation: Organisation) {
        code = organisation.code
        kind = organisation.kind.rawValue
        names = organisation.names
        acronym = organisation.acronym
        homeTerritory = organisation.homeTerritoryCode
        website = organisation.website
    }

    enum CodingKeys: String, CodingKey {
        case code, kind, names, acronym, website
        case homeTerritory = "home_territory"
    }
}
