import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/api/v1/indicators`: the definitions of the indicators.
struct IndicatorController<Context: IdentifiedRequestContext> {
    let repository: IndicatorRepository

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: listIndicators)
            .get("{code}", use: getIndicator)
    }

    @Sendable func listIndicators(_ request: Request, context: Context) async throws -> ListResponse<IndicatorDTO> {
        ListResponse(items: try await repository.indicators(logger: context.logger).map(IndicatorDTO.init))
    }

    @Sendable func getIndicator(_ request: Request, context: Context) async throws -> IndicatorDTO {
        IndicatorDTO(try await repository.indicator(try context.parameters.require("code"), logger: context.logger))
    }
}
