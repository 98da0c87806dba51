import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// Reads the session cookie on pages (never on the API, whose callers present tokens, so that a
/// cookie can never make another site's request act for anyone there) and sets the caller's
/// identity and the page's viewer. A cookie that names no live session is removed.
struct SessionMiddleware<Context: IdentifiedRequestContext>: RouterMiddleware {
    let sessions: SessionRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard WebRoutes.isPage(path), !path.hasPrefix("/static/"), let secret = WebCookie.value(WebCookie.session, in: request) else {
            return try await next(request, context)
        }
        guard let session = try await sessions.session(forSecret: secret, logger: context.logger) else {
            var response = try await next(request, context)
            response.headers.append(HTTPField(name: .setCookie, value: WebCookie.header(WebCookie.session, nil, maxAge: 0, request: request)))
            return response
        }
        var context = context
        if context.identity == nil { context.identity = session.account.identity() }
        context.logger[metadataKey: "account"] = .stringConvertible(session.account.id)
        let viewer = WebViewer(
            account: session.account, formToken: FormToken.token(for: secret), sessionSecret: secret, unreadNotifications: session.unreadNotifications)
        return try await WebViewer.$current.withValue(viewer) { try await next(request, context) }
    }
}
