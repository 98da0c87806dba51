import HTTPTypes
import Hummingbird

/// Answers 405 with `Allow` where routing would answer a misleading 404: a method no route
/// serves (`TRACE`, `CONNECT`, anything unknown), or a method the path's route does not take
/// (`PUT /api/v1/themes`).
struct MethodMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    static var served: Set<HTTPRequest.Method> { [.get, .head, .post, .put, .patch, .delete] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.served.contains(request.method) else {
            throw Self.notAllowed(request, allowed: routes.methods(for: request.uri.path) ?? ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            // The router's own 404: no route for this method and path. Another method may have one.
            if let allowed = routes.methods(for: request.uri.path), !allowed.contains(request.method.rawValue) {
                throw Self.notAllowed(request, allowed: allowed)
            }
            throw error
        }
    }

    private static func notAllowed(_ request: Request, allowed: [String]) -> HTTPError {
        var error = HTTPError(
            .methodNotAllowed, message: "This path does not answer \(request.method.rawValue.prefix(20)); it answers \(allowed.joined(separator: ", ")).")
        error.headers[.allow] = allowed.joined(separator: ", ")
        return error
    }
}
