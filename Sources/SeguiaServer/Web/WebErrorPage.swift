import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore

/// An error on a page, told in the page's language as a page (problem+json stays for the API):
/// what happened, what to do, never the database's text.
enum WebErrorPage {
    static func response(_ problem: ProblemDetails, request: Request, renderer: WebRenderer) -> Response {
        let language = WebLanguage.of(path: String(request.uri.path.dropFirst())) ?? WebLanguage.negotiated(request.headers[.acceptLanguage])
        let catalogue = renderer.catalogue
        let kind: String
        switch problem.status {
        case 404, 405: kind = "404"
        case 401, 403: kind = "403"
        case 400..<500: kind = "400"
        case 503: kind = "503"
        default: kind = "500"
        }
        let issues = (problem.errors ?? []).map { ["field": $0.field ?? "", "reason": $0.message] }
        let page = WebPage(
            template: "error", title: catalogue.text("error_title_\(kind)", language),
            values: [
                "heading": catalogue.text("error_title_\(kind)", language),
                "text": catalogue.text("error_text_\(kind)", language, ["id": problem.requestId ?? ""]),
                "issues": issues, "hasIssues": !issues.isEmpty, "home": "/\(language.rawValue)",
            ],
            status: HTTPResponse.Status(code: problem.status))
        return renderer.response(page, language: language, request: request)
    }
}
