import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/{lang}/sign-in` and `/{lang}/sign-out`. A successful sign-in starts a new session (a new
/// secret, whatever cookie came with the request) and goes back to the page that asked for it.
struct SignInPage: Sendable {
    let renderer: WebRenderer
    let accounts: AccountRepository
    let sessions: SessionRepository

    /// A visitor's form cookie lasts a day: long enough to fill the form, short enough to matter little.
    static let formCookieSeconds = 86_400

    func form(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        let parameters = QueryParameters(request)
        return page(language, request: request, email: "", next: parameters.values["next"], message: nil, status: .ok)
    }

    func signIn(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        let form = try await WebForm.read(request)
        let email = form.values["email"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let password = form.values["password"] ?? ""
        let next = form.values["next"]
        let catalogue = renderer.catalogue
        switch try await accounts.signIn(email: email, password: password, logger: context.logger) {
        case .signedIn(let account):
            let secret = try await sessions.start(
                accountID: account.id, userAgent: request.headers[.userAgent], logger: context.logger)
            var headers = HTTPFields()
            headers[.location] = Self.safeNext(next) ?? "/\(language.rawValue)/account"
            headers[.cacheControl] = "no-store"
            let lifetime = Int(sessions.lifetime.components.seconds)
            headers.append(HTTPField(name: .setCookie, value: WebCookie.header(WebCookie.session, secret, maxAge: lifetime, request: request)))
            return Response(status: .seeOther, headers: headers)
        case .refused:
            return page(language, request: request, email: email, next: next, message: catalogue.text("sign_in_refused", language), status: .unauthorized)
        case .disabled:
            return page(language, request: request, email: email, next: next, message: catalogue.text("sign_in_disabled", language), status: .forbidden)
        case .tooSoon(let seconds):
            var response = page(
                language, request: request, email: email, next: next,
                message: catalogue.text("sign_in_too_soon", language, ["seconds": "\(seconds)"]), status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    /// Ends this browser's session, or every session of the account with `everywhere`.
    func signOut(_ language: Language, everywhere: Bool, request: Request, context: some RequestContext) async throws -> Response {
        _ = try await WebForm.read(request)
        if let viewer = WebViewer.current {
            if everywhere {
                try await sessions.endAll(accountID: viewer.account.id, logger: context.logger)
            } else {
                try await sessions.end(secret: viewer.sessionSecret, logger: context.logger)
            }
        }
        var headers = HTTPFields()
        headers[.location] = "/\(language.rawValue)"
        headers[.cacheControl] = "no-store"
        headers.append(HTTPField(name: .setCookie, value: WebCookie.header(WebCookie.session, nil, maxAge: 0, request: request)))
        return Response(status: .seeOther, headers: headers)
    }

    private func page(
        _ language: Language, request: Request, email: String, next: String?, message: String?, status: HTTPResponse.Status
    ) -> Response {
        // A visitor gets a form cookie the first time, and keeps it: its token is in the form.
        let existing = WebCookie.value(WebCookie.form, in: request)
        let formSecret = existing ?? TokenRepository.newSecret(prefix: "sgf_")
        var values: [String: Any] = [
            "action": "/\(language.rawValue)/sign-in", "email": email,
            "csrf": WebViewer.current?.formToken ?? FormToken.token(for: formSecret),
        ]
        if let next = Self.safeNext(next) { values["next"] = next }
        if let message { values["message"] = message }
        if let viewer = WebViewer.current {
            values["signedInAs"] = renderer.catalogue.text("sign_in_already", language, ["name": viewer.account.name])
        }
        var page = WebPage(template: "sign-in", title: renderer.catalogue.text("sign_in_title", language), values: values)
        page.status = status
        var response = renderer.response(page, language: language, request: request)
        response.headers[.cacheControl] = "no-store"
        if existing == nil {
            response.headers.append(
                HTTPField(name: .setCookie, value: WebCookie.header(WebCookie.form, formSecret, maxAge: Self.formCookieSeconds, request: request)))
        }
        return response
    }

    /// Where to go after signing in: a path of this site only (`/fr/…`), never another site
    /// (`//evil.example`, `/\evil.example`, `https://…`), which would make the sign-in page a
    /// springboard for phishing.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.count <= 2_000,
            !next.contains(where: { $0.isNewline || $0 == "\\" }), WebRoutes.isPage(next.split(separator: "?").first.map(String.init) ?? next)
        else { return nil }
        return next
    }
}
