import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/{lang}/admin/accounts`, for administrators: every account, a form to create one, and for
/// each a way to disable it (its sessions end, its tokens stop), enable it again or set a new
/// password (which ends its sessions).
struct AccountAdminPage: Sendable {
    let renderer: WebRenderer
    let accounts: AccountRepository
    let organisations: OrganisationRepository

    func show(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        let viewer = try Self.administrator(language, request: request)
        guard let viewer else { return AccountPages.signIn(language, request: request) }
        let done = QueryParameters(request).values["done"].flatMap { ["created", "disabled", "enabled", "password"].contains($0) ? $0 : nil }
        return try await page(language, viewer: viewer, request: request, context: context,
                              notice: done.map { renderer.catalogue.text("admin_done_\($0)", language) })
    }

    func create(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        guard let viewer = try Self.administrator(language, request: request) else { return AccountPages.signIn(language, request: request) }
        var form = try await WebForm.read(request)
        let role = form.enumeration("role", as: Role.self) ?? .reader
        let languages = (form.allValues["languages"] ?? []).compactMap(Language.init(rawValue:))
        let input = AccountInput(
            email: form.values["email"] ?? "", name: form.values["name"] ?? "", organisation: form.values["organisation"], role: role,
            languages: languages)
        do {
            try form.validate()
            _ = try await accounts.create(input, password: form.values["password"] ?? "", logger: context.logger)
        } catch let error as AppError {
            return try await page(
                language, viewer: viewer, request: request, context: context, problem: AccountPage.message(error), draft: input,
                status: .unprocessableContent)
        }
        return AccountPages.seeOther("/\(language.rawValue)/admin/accounts?done=created")
    }

    func setDisabled(_ language: Language, _ disabled: Bool, request: Request, context: some RequestContext) async throws -> Response {
        guard try Self.administrator(language, request: request) != nil else { return AccountPages.signIn(language, request: request) }
        let form = try await WebForm.read(request)
        _ = try await accounts.setDisabled(disabled, email: form.values["email"] ?? "", logger: context.logger)
        return AccountPages.seeOther("/\(language.rawValue)/admin/accounts?done=\(disabled ? "disabled" : "enabled")")
    }

    func setPassword(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        guard let viewer = try Self.administrator(language, request: request) else { return AccountPages.signIn(language, request: request) }
        let form = try await WebForm.read(request)
        let account = try await accounts.find(email: form.values["email"] ?? "", logger: context.logger)
        do {
            try await accounts.setPassword(form.values["password"] ?? "", accountID: account.id, logger: context.logger)
        } catch let error as AppError {
            return try await page(language, viewer: viewer, request: request, context: context, problem: AccountPage.message(error), status: .unprocessableContent)
        }
        return AccountPages.seeOther("/\(language.rawValue)/admin/accounts?done=password")
    }

    /// The signed-in administrator; nil for a visitor (sent to sign in); 403 for anyone else.
    private static func administrator(_ language: Language, request: Request) throws -> WebViewer? {
        guard let viewer = WebViewer.current else { return nil }
        guard viewer.account.role == .admin else { throw AppError.forbidden("Managing accounts is for administrators.") }
        return viewer
    }

    private func page(
        _ language: Language, viewer: WebViewer, request: Request, context: some RequestContext, notice: String? = nil, problem: String? = nil,
        draft: AccountInput? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let catalogue = renderer.catalogue
        let base = "/\(language.rawValue)/admin/accounts"
        let all = try await accounts.list(logger: context.logger)
        let known = try await organisations.list(.init(), logger: context.logger)
        let day = Date.ISO8601FormatStyle().year().month().day()
        let rows: [[String: Any]] = all.map { account in
            var row: [String: Any] = [
                "email": account.email, "name": account.name, "organisation": account.organisation ?? "—",
                "role": catalogue.text("role_\(account.role.rawValue)", language), "created": account.createdAt.formatted(day),
                "languages": account.languages.map(\.rawValue).joined(separator: ", "),
                "toggle": account.disabledAt == nil ? "\(base)/disable" : "\(base)/enable",
                "toggleLabel": catalogue.text(account.disabledAt == nil ? "admin_disable" : "admin_enable", language),
                "id": account.id,
            ]
            if let disabled = account.disabledAt { row["disabled"] = catalogue.text("admin_disabled_on", language, ["date": disabled.formatted(day)]) }
            return row
        }
        var values: [String: Any] = [
            "accounts": rows, "csrf": viewer.formToken, "createAction": base, "passwordAction": "\(base)/password",
            "organisations": known.sorted { $0.code < $1.code }.map { organisation in
                ["code": organisation.code, "name": organisation.acronym ?? organisation.names.preferred(language),
                 "selected": draft?.organisation == organisation.code]
            },
            "roles": Role.allCases.map { role in
                ["value": role.rawValue, "label": catalogue.text("role_\(role.rawValue)", language), "selected": (draft?.role ?? .contributor) == role]
            },
            "languageChoices": Language.allCases.map { choice in
                ["value": choice.rawValue, "label": catalogue.text("language_\(choice.rawValue)", language),
                 "checked": draft?.languages.contains(choice) ?? false, "id": "new-account-language-\(choice.rawValue)"]
            },
            "draftEmail": draft?.email ?? "", "draftName": draft?.name ?? "",
            "passwordRule": catalogue.text("password_rule", language, ["minimum": "\(PasswordRules.minimumLength)"]),
        ]
        if let notice { values["notice"] = notice }
        if let problem { values["problem"] = problem }
        return renderer.privateResponse(
            WebPage(template: "admin-accounts", title: catalogue.text("nav_admin_accounts", language), values: values, status: status), language: language, request: request)
    }
}
