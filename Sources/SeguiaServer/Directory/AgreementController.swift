import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/api/v1/agreements`: cooperation agreements and their parties.
struct AgreementController<Context: RequestContext> {
    let repository: AgreementRepository

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: list)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> ListResponse<AgreementDTO> {
        var query = QueryParameters(request)
        let filter = AgreementRepository.Filter(
            party: query.string("party").map { $0.uppercased() },
            activeOn: query.day("active_on"))
        try query.validate()
        let agreements = try await repository.list(filter, logger: context.logger)
        return ListResponse(items: agreements.map(AgreementDTO.init))
    }
}

struct AgreementDTO: Codable, Sendable, Equatable {
    struct Party: Codable, Sendable, Equatable {
        var kind: String
        var code: String
        var name: String
        var role: String?
    }

    var code: String
    var title: LocalizedNames
    var parties: [Party]
    var period: PeriodDTO
    var source: String?
    var note: String?

    init(_ agreement: Agreement) {
        code = agreement.code
        title = agreement.title
        parties = agreement.parties.map { Party(kind: $0.kind.rawValue, code: $0.code, name: $0.name, role: $0.role) }
        period = PeriodDTO(agreement.period)
        source = agreement.source
        note = agreement.note
    }
}
