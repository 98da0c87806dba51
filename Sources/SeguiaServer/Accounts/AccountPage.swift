import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/{lang}/account`: who one is, one's password, the browsers signed in, and one's API tokens
/// (made with an expiry, their last use shown, revoked here).
struct AccountPage: Sendable {
    let renderer: WebRenderer
    let accounts: AccountRepository
    let sessions: SessionRepository
    let tokens: TokenRepository

    /// The expiries offered for a new token, in days.
    static let tokenLifetimes = [30, 90, 365]

    func show(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        guard let viewer = WebViewer.current else { return AccountPages.signIn(language, request: request) }
        let done = QueryParameters(request).values["done"].flatMap { ["password", "revoked"].contains($0) ? $0 : nil }
        return try await page(language, viewer: viewer, request: request, context: context, notice: done.map { renderer.catalogue.text("account_done_\($0)", language) })
    }

    func changePassword(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        guard let viewer = WebViewer.current else { return AccountPages.signIn(language, request: request) }
        let form = try await WebForm.read(request)
        let catalogue = renderer.catalogue
        let (current, new, confirmation) = (form.values["current"] ?? "", form.values["new"] ?? "", form.values["confirm"] ?? "")
        var problem: String?
        if !(try await accounts.checkPassword(current, accountID: viewer.account.id, logger: context.logger)) {
            problem = catalogue.text("password_wrong", language)
        } else if new != confirmation {
            problem = catalogue.text("password_mismatch", language)
        } else if PasswordRules.problem(new) != nil {
            problem = catalogue.text("password_rule", language, ["minimum": "\(PasswordRules.minimumLength)"])
        }
        if let problem {
            return try await page(language, viewer: viewer, request: request, context: context, problem: problem, status: .unprocessableContent)
        }
        try await accounts.setPassword(new, accountID: viewer.account.id, logger: context.logger)
        // Every session ended with the old password; this browser gets a new one at once.
        let secret = try await sessions.start(accountID: viewer.account.id, userAgent: request.headers[.userAgent], logger: context.logger)
        var response = AccountPages.seeOther("/\(language.rawValue)/account?done=password")
        let lifetime = Int(sessions.lifetime.components.seconds)
        response.headers.append(HTTPField(name: .setCookie, value: WebCookie.header(WebCookie.session, secret, maxAge: lifetime, request: request)))
        return response
    }

    func createToken(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        guard let viewer = WebViewer.current else { return AccountPages.signIn(language, request: request) }
        var form = try await WebForm.read(request)
        let name = form.string("name", limit: 100) ?? ""
        let days = form.integer("days", in: 1...365) ?? 90
        try form.validate()
        let account = viewer.account
        do {
            let secret = try await tokens.create(
                name: name, role: account.role, organisation: account.organisation, accountID: account.id,
                expiresAt: Date().addingTimeInterval(Double(days) * 86_400), logger: context.logger)
            // Shown in this answer only, never stored and never cached.
            return try await page(language, viewer: viewer, request: request, context: context, newSecret: secret)
        } catch let error as AppError {
            return try await page(language, viewer: viewer, request: request, context: context, problem: Self.message(error), status: .unprocessableContent)
        }
    }

    func revokeToken(_ language: Language, id: String, request: Request, context: some RequestContext) async throws -> Response {
        guard let viewer = WebViewer.current else { return AccountPages.signIn(language, request: request) }
        _ = try await WebForm.read(request)
        guard let number = Int64(id), try await tokens.revoke(id: number, accountID: viewer.account.id, logger: context.logger) else {
            throw AppError.notFound(resource: "active token", identifier: id)
        }
        return AccountPages.seeOther("/\(language.rawValue)/account?done=revoked")
    }

    private func page(
        _ language: Language, viewer: WebViewer, request: Request, context: some RequestContext, notice: String? = nil, problem: String? = nil,
        newSecret: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let catalogue = renderer.catalogue
        let account = viewer.account
        let base = "/\(language.rawValue)/account"
        let browsers = try await sessions.count(accountID: account.id, logger: context.logger)
        let own = try await tokens.list(accountID: account.id, logger: context.logger)
        let now = Date()
        let day = Date.ISO8601FormatStyle().year().month().day()
        let tokenRows: [[String: Any]] = own.reversed().map { token in
            let state = token.revokedAt != nil ? "revoked" : (token.expiresAt.map { $0 <= now } ?? false) ? "expired" : "active"
            var row: [String: Any] = [
                "name": token.name, "created": token.createdAt.formatted(day),
                "expires": token.expiresAt.map { $0.formatted(day) } ?? catalogue.text("token_never", language),
                "lastUsed": token.lastUsedAt.map { $0.formatted(day) } ?? catalogue.text("token_not_used", language),
                "state": catalogue.text("token_state_\(state)", language),
            ]
            if state == "active" { row["revoke"] = "\(base)/tokens/\(token.id)/revoke" }
            return row
        }
        var values: [String: Any] = [
            "name": account.name, "email": account.email, "organisation": account.organisation ?? catalogue.text("account_none", language),
            "role": catalogue.text("role_\(account.role.rawValue)", language),
            "languages": account.languages.isEmpty
                ? catalogue.text("account_none", language)
                : account.languages.map { catalogue.text("language_called_\($0.rawValue)", language) }
                    .joined(separator: catalogue.text("list_separator", language)),
            "csrf": viewer.formToken, "passwordAction": "\(base)/password", "tokenAction": "\(base)/tokens",
            "signOutEverywhere": "/\(language.rawValue)/sign-out-everywhere",
            "browsers": catalogue.text("sessions_count", language, ["count": "\(browsers)"]),
            "tokens": tokenRows, "hasTokens": !tokenRows.isEmpty,
            "lifetimes": Self.tokenLifetimes.map { ["days": $0, "label": catalogue.text("tokens_days", language, ["days": "\($0)"]), "selected": $0 == 90] },
            "passwordRule": catalogue.text("password_rule", language, ["minimum": "\(PasswordRules.minimumLength)"]),
        ]
        if account.role == .admin { values["adminHref"] = "/\(language.rawValue)/admin/accounts" }
        if let notice { values["notice"] = notice }
        if let problem { values["problem"] = problem }
        if let newSecret { values["newSecret"] = newSecret }
        return renderer.privateResponse(
            WebPage(template: "account", title: catalogue.text("account_title", language), values: values, status: status), language: language, request: request)
    }

    /// What went wrong, as the form shows it next to the fields.
    static func message(_ error: AppError) -> String {
        switch error {
        case .invalid(let issues): issues.map { "\($0.field): \($0.reason)" }.joined(separator: "; ")
        default: error.description
        }
    }
}

/// What the account pages share: the way to the sign-in page and back, and redirects.
enum AccountPages {
    /// To the sign-in page, coming back here afterwards.
    static func signIn(_ language: Language, request: Request) -> Response {
        let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        return seeOther("/\(language.rawValue)/sign-in?" + FormEncoding.query([("next", request.method == .get ? back : "/\(language.rawValue)/account")]))
    }

    static func seeOther(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }
}
