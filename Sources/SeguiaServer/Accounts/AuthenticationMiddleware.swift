import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// Reads `Authorization: Bearer <token>` and sets the caller's identity.
///
/// No header means an anonymous caller; a header with an unknown or revoked token is refused
/// (401) rather than treated as anonymous, so a mistyped token never silently hides data.
struct AuthenticationMiddleware<Context: IdentifiedRequestContext>: RouterMiddleware {
    let tokens: TokenRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            return try await next(request, context)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AppError.unauthorized("Use Authorization: Bearer <token>.")
        }
        guard let identity = try await tokens.identity(forSecret: String(parts[1]).trimmingCharacters(in: .whitespaces), logger: context.logger)
        else {
            throw AppError.unauthorized("This token is unknown or revoked.")
        }
        var context = context
        context.identity = identity
        context.logger[metadataKey: "token"] = .string(identity.name)
        return try await next(request, context)
    }
}
