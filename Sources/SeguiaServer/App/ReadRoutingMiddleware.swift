import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// Decides, for each request, whether its reads may come from a read replica
/// (`DATABASE_READ_URL`), and lets a browser that just wrote read its own write.
///
/// - Writes (any method but GET and HEAD) read and write the primary.
/// - The API with a token reads the primary: its callers write, read back what they wrote and
///   send `If-Match` with what they read. Without a token (public reading) it may read a replica.
/// - Pages read a replica, except for a signed-in person the pages that carry a revision into a
///   form (a sheet with its workflow, the editor, translation, draft, history, new and import
///   forms) and the account, administration and work pages.
/// - After a page's write succeeds, a cookie holds the primary's log position then; that
///   browser's next pages read only a replica that has replayed it (else the primary).
struct ReadRoutingMiddleware<Context: IdentifiedRequestContext>: RouterMiddleware {
    let database: Database

    static var writtenCookie: String { "seguia_written" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let replicas = database.replicas else { return try await next(request, context) }
        let path = request.uri.path
        guard request.method == .get || request.method == .head else {
            var response = try await next(request, context)
            if WebRoutes.isPage(path), response.status.code < 400, let position = try? await database.writePosition(logger: context.logger) {
                let seconds = max(60, Int(replicas.maximumLag.components.seconds) * 2)
                response.headers.append(
                    HTTPField(name: .setCookie, value: WebCookie.header(Self.writtenCookie, String(position.value, radix: 16), maxAge: seconds, request: request)))
            }
            return response
        }
        let routing = Self.routing(path: path, request: request, signedIn: WebViewer.current != nil)
        return try await ReadRouting.$current.withValue(routing) { try await next(request, context) }
    }

    static func routing(path: String, request: Request, signedIn: Bool) -> ReadRouting {
        guard WebRoutes.isPage(path) else {
            return request.headers[.authorization] == nil ? .replica(replayedAtLeast: .zero) : .primary
        }
        if signedIn && carriesRevisions(path) { return .primary }
        let written = WebCookie.value(writtenCookie, in: request).flatMap { UInt64($0, radix: 16) }.map(WALPosition.init(value:))
        return .replica(replayedAtLeast: written ?? .zero)
    }

    /// Pages whose forms send back what they read (a revision, notifications seen) or that show
    /// a person's own account: read where the next write will be checked.
    static func carriesRevisions(_ path: String) -> Bool {
        let parts = path.split(separator: "/").dropFirst()
        guard let first = parts.first else { return false }
        if ["account", "admin", "work"].contains(first) { return true }
        guard first == "practices", parts.count >= 2 else { return false }
        return parts.count == 2 || ["edit", "translate", "draft", "history"].contains(parts.last!)
    }
}
