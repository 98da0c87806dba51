import Foundation
import Hummingbird
import Logging
import SeguiaCore
import SeguiaStore

/// `/{lang}/organisations/{code}`: an organisation, its agreements, its practices, its documents
/// and, for the people signed in, its people and focal points with their contact details.
struct OrganisationPage: Sendable {
    let renderer: WebRenderer
    let organisations: OrganisationRepository
    let agreements: AgreementRepository
    let documents: DocumentRepository
    let people: PersonRepository

    func response(_ language: Language, code: String, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        let code = code.uppercased()
        guard let organisation = try await organisations.list(.init(), logger: context.logger).first(where: { $0.code == code }) else {
            throw AppError.notFound(resource: "organisation", identifier: code)
        }
        let catalogue = renderer.catalogue
        let base = "/\(language.rawValue)"
        let agreements = try await Self.agreements(of: code, home: organisation.homeTerritoryCode, repository: self.agreements, logger: context.logger)
        let found = try await documents.search(
            DocumentQuery(organisation: code, limit: 20), audience: context.identity.audience, language: language, logger: context.logger)
        var values: [String: Any] = [
            "title": organisation.names.preferred(language), "acronym": organisation.acronym ?? false,
            "kind": catalogue.text("organisation_kind_\(organisation.kind.rawValue)", language),
            "practicesHref": "\(base)/practices?organisation=\(code)",
            "agreements": agreements.map { agreement -> [String: Any] in
                [
                    "title": agreement.title.preferred(language), "href": "\(base)/agreements/\(agreement.code)",
                    "period": agreement.period.spanText ?? catalogue.text("practice_period_unknown", language),
                ]
            },
            "hasAgreements": !agreements.isEmpty,
            "documents": DocumentPages.listing(found.items, language: language, catalogue: catalogue), "hasDocuments": !found.items.isEmpty,
            "documentsHref": "\(base)/documents?organisation=\(code)",
            "documentsCount": catalogue.text("documents_found", language, ["count": "\(found.total)"]),
        ]
        if let home = organisation.homeTerritoryCode { values["homeHref"] = "\(base)/territories/\(home)"; values["home"] = home }
        if WebViewer.current != nil, context.identity != nil {
            let listed = try await people.list(.init(organisation: code), language: language, logger: context.logger)
            var directory: [String: Any] = ["people": PeopleListing.values(listed, language: language, catalogue: catalogue), "hasPeople": !listed.isEmpty]
            if let identity = context.identity, (try? DirectoryStewardship.checkChanging(PersonDetails(name: "", organisation: code), by: identity)) != nil {
                directory["addHref"] = "\(base)/people/new?organisation=\(code)"
            }
            values["directory"] = directory
        }
        var response = renderer.response(
            WebPage(template: "organisation", title: organisation.names.preferred(language), values: values), language: language, request: request)
        if WebViewer.current != nil { response.headers[.cacheControl] = "private, no-store" }
        return response
    }
}

extension OrganisationPage {
    /// The agreements an organisation is a party to, or its home territory is (a governorate signs as its territory).
    static func agreements(of code: String, home: String?, repository: AgreementRepository, logger: Logger) async throws -> [Agreement] {
        var found = try await repository.list(.init(party: code), logger: logger)
        if let home {
            for agreement in try await repository.list(.init(party: home), logger: logger) where !found.contains(where: { $0.code == agreement.code }) {
                found.append(agreement)
            }
        }
        return found
    }
}

/// People as pages list them: name, function, organisation, roles, and contact details (only
/// ever given to pages shown to someone signed in).
enum PeopleListing {
    static func values(_ people: [StoredPerson], language: Language, catalogue: Catalogue) -> [[String: Any]] {
        people.map { person in
            let details = person.details
            var item: [String: Any] = [
                "name": details.name,
                "roles": details.roles.map { role -> String in
                    let of = role.agreement.map { person.names["agreement:\($0)"] ?? $0 } ?? role.practice.map { person.names["practice:\($0)"] ?? $0 }
                    let name = catalogue.text("person_role_\(role.kind.rawValue)", language)
                    return of.map { "\(name) — \($0)" } ?? name
                },
                "languages": details.languages.map { catalogue.languageName($0, in: language) }.joined(separator: ", "),
            ]
            if let jobTitle = details.jobTitle { item["jobTitle"] = jobTitle }
            if let organisation = details.organisation {
                item["organisation"] = person.names[organisation] ?? organisation
                item["organisationHref"] = "/\(language.rawValue)/organisations/\(organisation)"
            }
            if let email = details.email { item["email"] = email }
            if let phone = details.phone { item["phone"] = phone; item["phoneHref"] = "tel:" + phone.filter { $0.isNumber || $0 == "+" } }
            return item
        }
    }
}
