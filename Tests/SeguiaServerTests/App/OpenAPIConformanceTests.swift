import Foundation
import HTTPTypes
import SeguiaTestSupport
import Testing

/// The check every `withTestApp` answer goes through catches what it is there to catch.
@Suite struct OpenAPIConformanceTests {
    let conformance = OpenAPIConformance.shared

    private func problems(
        _ uri: String, _ status: Int, _ json: String, type: String = "application/json", method: HTTPRequest.Method = .get
    ) -> [String] {
        conformance.problems(method: method, uri: uri, status: status, contentType: type, body: Data(json.utf8))
    }

    @Test func anAnswerAsDocumentedPasses() {
        #expect(problems("/health", 200, #"{"status": "ok", "database": "ok"}"#) == [])
        let notFound = #"{"type": "about:blank", "title": "Not Found", "status": 404, "detail": "No territory.", "instance": "/x", "request_id": "r"}"#
        #expect(problems("/api/v1/territories/FR", 404, notFound, type: "application/problem+json") == [])
        #expect(!problems("/api/v1/territories/FR", 404, notFound, type: "text/html").isEmpty)
    }

    @Test func aFieldTheDocumentDoesNotKnowOrAWrongTypeFails() {
        #expect(!problems("/health", 200, #"{"status": 1, "database": "ok"}"#).isEmpty)
        #expect(!problems("/api/v1/themes", 200, #"{"items": "none"}"#).isEmpty)
    }

    @Test func aStatusTheDocumentDoesNotListFails() {
        let found = problems("/api/v1/themes", 418, "{}")
        #expect(found.count == 1)
        #expect(found.first?.contains("status not in the document") == true)
    }
}
