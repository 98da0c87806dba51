import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/{lang}/people/new?organisation=CODE`: the form that adds a person to an organisation's
/// directory (its contributors, administrators), with their roles and the day they agreed to be
/// listed; a refused form comes back with what was typed.
struct PersonPages: Sendable {
    let renderer: WebRenderer
    let people: PersonRepository
    let agreements: AgreementRepository
    let organisations: OrganisationRepository

    func form(_ language: Language, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        var parameters = QueryParameters(request)
        let organisation = parameters.string("organisation", limit: 64)?.uppercased() ?? identity.organisation ?? ""
        try parameters.validate()
        try DirectoryStewardship.checkChanging(PersonDetails(name: "", organisation: organisation), by: identity)
        return try await page(language, organisation: organisation, typed: [:], problem: nil, status: .ok, request: request, context: context)
    }

    func add(_ language: Language, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        var form = try await WebForm.read(request)
        let organisation = form.string("organisation", limit: 64)?.uppercased() ?? ""
        try form.validate()
        try DirectoryStewardship.checkChanging(PersonDetails(name: "", organisation: organisation), by: identity)
        func text(_ name: String) -> String? { form.values[name]?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty }
        var roles = form.allValues["focal", default: []].map { PersonRole(kind: .focalPoint, agreement: $0.uppercased()) }
        roles += form.allValues["role", default: []].compactMap { PersonRole.Kind(rawValue: $0).map { PersonRole(kind: $0) } }
        let details = PersonDetails(
            name: text("name") ?? "", jobTitle: text("job_title"), organisation: organisation,
            languages: form.allValues["languages", default: []].compactMap(Language.init(rawValue:)), email: text("email"), phone: text("phone"),
            consentOn: text("consent_on"), consentRecordedBy: identity.name, consentNote: text("consent_note"), roles: roles)
        do {
            _ = try await people.create(details, by: identity, logger: context.logger)
        } catch let error as AppError {
            guard case .invalid = error else { throw error }
            return try await page(
                language, organisation: organisation, typed: form.values, problem: AccountPage.message(error), status: .unprocessableContent,
                request: request, context: context)
        }
        return AccountPages.seeOther("/\(language.rawValue)/organisations/\(organisation)#people")
    }

    private func page(
        _ language: Language, organisation: String, typed: [String: String], problem: String?, status: HTTPResponse.Status, request: Request,
        context: some IdentifiedRequestContext
    ) async throws -> Response {
        let catalogue = renderer.catalogue
        let home = try await organisations.list(.init(), logger: context.logger).first { $0.code == organisation }?.homeTerritoryCode
        let ofOrganisation = try await OrganisationPage.agreements(of: organisation, home: home, repository: agreements, logger: context.logger)
        var values: [String: Any] = [
            "action": "/\(language.rawValue)/people", "csrf": WebViewer.current?.formToken ?? "", "organisation": organisation,
            "back": "/\(language.rawValue)/organisations/\(organisation)",
            "name": typed["name"] ?? "", "jobTitle": typed["job_title"] ?? "", "email": typed["email"] ?? "", "phone": typed["phone"] ?? "",
            "consentOn": typed["consent_on"] ?? "", "consentNote": typed["consent_note"] ?? "",
            "languages": Language.allCases.map { ["value": $0.rawValue, "label": catalogue.languageName($0, in: language), "id": "person-language-\($0.rawValue)"] },
            "agreements": ofOrganisation.enumerated().map { index, agreement in
                ["value": agreement.code, "label": agreement.title.preferred(language), "id": "person-focal-\(index)"]
            },
            "hasAgreements": !ofOrganisation.isEmpty,
            "roles": [PersonRole.Kind.electedOfficial, .technicalStaff, .translator].map {
                ["value": $0.rawValue, "label": catalogue.text("person_role_\($0.rawValue)", language), "id": "person-role-\($0.rawValue)"]
            },
        ]
        if let problem { values["problem"] = problem }
        return renderer.privateResponse(
            WebPage(template: "person-new", title: catalogue.text("person_add", language), values: values, status: status), language: language,
            request: request)
    }
}
