import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// A practice's revisions: the list of changes, the content at each, the differences.
struct PracticeRevisionController<Context: IdentifiedRequestContext> {
    let repository: PracticeRepository

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("{identifier}/revisions", use: revisions)
            .get("{identifier}/revisions/{number}", use: revision)
            .get("{identifier}/revisions/{number}/diff", use: diff)
    }

    @Sendable func revisions(_ request: Request, context: Context) async throws -> RevisionListDTO {
        let identifier = try context.parameters.require("identifier")
        let (id, revisions) = try await repository.revisions(of: identifier, audience: context.identity.audience, logger: context.logger)
        return RevisionListDTO(practice: id, items: revisions.map(RevisionDTO.init))
    }

    @Sendable func revision(_ request: Request, context: Context) async throws -> PracticeContent {
        let identifier = try context.parameters.require("identifier")
        let number = try context.parameters.require("number", as: Int.self)
        return try await repository.content(of: identifier, atRevision: number, audience: context.identity.audience, logger: context.logger)
    }

    /// What changed between revision `against` (default: the one before) and revision `number`.
    @Sendable func diff(_ request: Request, context: Context) async throws -> RevisionDiffDTO {
        let identifier = try context.parameters.require("identifier")
        let number = try context.parameters.require("number", as: Int.self)
        var parameters = QueryParameters(request)
        let against = parameters.integer("against", in: 1...Int(Int32.max)) ?? (number - 1)
        try parameters.validate()
        let audience = context.identity.audience
        let new = try await repository.content(of: identifier, atRevision: number, audience: audience, logger: context.logger)
        let old = try await repository.content(of: identifier, atRevision: against, audience: audience, logger: context.logger)
        return RevisionDiffDTO(from: against, to: number, old: old, new: new)
    }
}
