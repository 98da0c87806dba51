import Foundation
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/{lang}/agreements/{code}`: a cooperation agreement, its parties and period, and its
/// documents (mission reports, minutes…) in every language, as the reader may see them, by kind.
struct AgreementPage: Sendable {
    let renderer: WebRenderer
    let agreements: AgreementRepository
    let documents: DocumentRepository
    let people: PersonRepository
    let activity: ActivityRepository

    func response(_ language: Language, code: String, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        let code = code.uppercased()
        guard let agreement = try await agreements.list(.init(code: code), logger: context.logger).first else {
            throw AppError.notFound(resource: "agreement", identifier: code)
        }
        let catalogue = renderer.catalogue
        let base = "/\(language.rawValue)"
        let found = try await documents.search(
            DocumentQuery(agreement: code, limit: DocumentQuery.maximumLimit), audience: context.identity.audience, language: language,
            logger: context.logger)
        // The documents by kind, each kind with its own list: what a partner who missed a mission looks for first.
        let groups: [[String: Any]] = DocumentKind.allCases.compactMap { kind in
            let ofKind = found.items.filter { $0.metadata.kind == kind }
            guard !ofKind.isEmpty else { return nil }
            return [
                "heading": catalogue.text("document_kind_\(kind.rawValue)", language) + " (\(ofKind.count))",
                "documents": DocumentPages.listing(ofKind, language: language, catalogue: catalogue),
            ]
        }
        var values: [String: Any] = [
            "title": agreement.title.preferred(language), "code": agreement.code,
            "period": agreement.period.spanText ?? catalogue.text("practice_period_unknown", language),
            "parties": agreement.parties.map { party -> [String: Any] in
                var item: [String: Any] = ["name": party.name]
                if party.kind == .territory { item["href"] = "\(base)/territories/\(party.code)" }
                if party.kind == .organisation { item["href"] = "\(base)/organisations/\(party.code)" }
                if let role = party.role { item["role"] = role }
                return item
            },
            "groups": groups, "hasDocuments": !groups.isEmpty,
            "documentsCount": catalogue.text("documents_found", language, ["count": "\(found.total)"]),
            "allHref": "\(base)/documents?agreement=\(agreement.code)",
        ]
        if let source = agreement.source { values["source"] = source }
        if let note = agreement.note { values["note"] = note }
        if WebViewer.current != nil, let identity = context.identity, identity.role >= .contributor {
            values["uploadHref"] = "\(base)/documents/new?agreement=\(agreement.code)"
        }
        // What happened: documents and meetings, newest first, by month.
        let entries = try await activity.timeline(.agreement(code: agreement.code), audience: context.identity.audience, logger: context.logger)
        values["activity"] = ActivityPages.values(entries, language: language, catalogue: catalogue)
        if let form = ActivityPages.form(
            for: .agreement(code: agreement.code), minutes: found.items, language: language, catalogue: catalogue, identity: context.identity)
        {
            values["meetingForm"] = form
        }
        // The focal points of both sides, with their contact details: for the people signed in only.
        if WebViewer.current != nil, context.identity != nil {
            let focal = try await people.list(.init(agreement: agreement.code, role: .focalPoint), language: language, logger: context.logger)
            values["focalPoints"] = ["people": PeopleListing.values(focal, language: language, catalogue: catalogue), "hasPeople": !focal.isEmpty]
        }
        var response = renderer.response(
            WebPage(template: "agreement", title: agreement.title.preferred(language), values: values), language: language, request: request)
        if WebViewer.current != nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
