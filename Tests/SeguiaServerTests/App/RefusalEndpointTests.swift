import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
import SeguiaTestSupport
import Testing

/// Requests the API cannot honour get the precise refusal: the right status, what to send
/// instead, and nothing written.
@Suite struct RefusalEndpointTests {
    @Test func methodsNoRouteServesAre405WithAllow() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/api/v1/practices", method: .init("TRACE")!) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow]?.contains("POST") == true)
            }
            try await client.execute(uri: "/api/v1/themes", method: .put) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
            // The literal route wins over the template one: import takes POST alone.
            try await client.execute(uri: "/api/v1/practices/import", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/api/v1/nothing-here", method: .put) { #expect($0.status == .notFound) }
        }
    }

    @Test func ifMatchStarOrEmptySaysWhichRevisionIsNeeded() async throws {
        try await withTokenApp(role: .admin) { client, token in
            var headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
            var location = ""
            try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers, body: ByteBuffer(string: #"{"title": "Puits"}"#)) {
                location = $0.headers[.location] ?? ""
            }
            for value in ["*", " "] {
                headers[.ifMatch] = value
                try await client.execute(uri: location, method: .patch, headers: headers, body: ByteBuffer(string: #"{"summary": "x"}"#)) {
                    #expect($0.status == .preconditionRequired, "If-Match '\(value)'")
                }
            }
            try await client.execute(uri: location + "/revisions", method: .get, headers: headers) { response in
                let revisions = try json(response)["items"] as? [Any]
                #expect(revisions?.count == 1)
            }
        }
    }

    @Test func textThatIsNotUTF8Is422Or415() async throws {
        try await withTokenApp(role: .publisher) { client, token in
            try await client.execute(uri: "/api/v1/practices?q=%FF%FE", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                let errors = try json(response)["errors"] as? [[String: Any]]
                #expect(errors?.first?["field"] as? String == "q")
            }
            let headers: HTTPFields = [.contentType: "text/csv; charset=utf-16", .authorization: "Bearer \(token)"]
            let body = ByteBuffer(bytes: Array("indicator,territory,period,value,source\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            try await client.execute(uri: "/api/v1/values/import", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .unsupportedMediaType)
                let detail = try json(response)["detail"] as? String
                #expect(detail?.contains("UTF-8") == true)
            }
        }
    }

    /// Limits per field and per list, told by name; a value's vintage is part of its key.
    @Test func overLongTextsAndListsAreNamed() async throws {
        try await withTokenApp(role: .publisher) { client, token in
            let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
            let sections = Array(repeating: #"{"key": "results", "text": "x"}"#, count: 101).joined(separator: ",")
            let body = #"{"title": "Puits", "source": "\#(String(repeating: "s", count: 2001))", "sections": [\#(sections)]}"#
            try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unprocessableContent)
                let fields = Set((try json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
                #expect(fields == ["source", "sections"])
            }
            let csv: HTTPFields = [.contentType: "text/csv", .authorization: "Bearer \(token)"]
            let longVintage = String(repeating: "v", count: 3000)
            try await client.execute(
                uri: "/api/v1/values/import?vintage=\(longVintage)", method: .post, headers: csv,
                body: ByteBuffer(string: "indicator,territory,period,value,source\n6.1.1,MA,2019,80,s\n")
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(
                uri: "/api/v1/values/import", method: .post, headers: csv,
                body: ByteBuffer(string: "indicator,territory,period,value,source,vintage\n6.1.1,MA,2019,80,s,\(longVintage)\n")
            ) { response in
                #expect(response.status == .unprocessableContent)
                let columns = (try json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["column"] as? String }
                #expect(columns == ["vintage"])
            }
        }
    }
}
