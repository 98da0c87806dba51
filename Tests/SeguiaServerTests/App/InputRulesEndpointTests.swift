import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
import SeguiaTestSupport
import Testing

/// Input that cannot be stored as given is refused with 422 naming the field, and nothing is stored:
/// NUL characters (PostgreSQL text cannot hold them), periods not written whole.
@Suite struct InputRulesEndpointTests {
    @Test(arguments: [
        ("/api/v1/practices?q=eau%00", "q"), ("/api/v1/practices?theme=gov%00", "theme"),
        ("/api/v1/practices?organisation=RRMA%00", "organisation"), ("/api/v1/agreements?party=PS%00", "party"),
        ("/api/v1/values?indicator=6.1.1%00", "indicator"), ("/api/v1/values?indicator=6.1.1&disaggregation=total%00", "disaggregation"),
        ("/api/v1/values?indicator=6.1.1&vintage=x%00", "vintage"), ("/api/v1/values/latest?indicator=6.1.1&territories=FR,%00", "territories"),
        ("/api/v1/reports/practices?themes=governance%00", "themes"), ("/api/v1/values.csv?indicator=6.1.1%00", "indicator"),
    ])
    func nulInAQueryParameter(_ uri: String, _ field: String) async throws {
        try await withTestApp { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .unprocessableContent, "\(uri)")
                let errors = try json(response)["errors"] as? [[String: Any]] ?? []
                #expect(errors.contains { $0["field"] as? String == field }, "\(uri): \(errors)")
            }
        }
    }

    @Test func nulInAJSONBodyNamesEachField() async throws {
        try await withTokenApp(role: .admin) { client, token in
            let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
            let practice = #"{"title": "Eau\u0000", "summary": "ok", "sections": [{"key": "results", "texts": {"fr": {"text": "a\u0000b"}}}]}"#
            try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers, body: ByteBuffer(string: practice)) { response in
                #expect(response.status == .unprocessableContent)
                let fields = Set((try json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
                #expect(fields == ["title", "sections[0].texts.fr.text"])
            }
            try await client.execute(uri: "/api/v1/practices?limit=1", method: .get, headers: headers) { response in
                let total = try json(response)["total"] as? Int
                #expect(total == 1)
            }
            try await client.execute(
                uri: "/api/v1/reports", method: .post, headers: headers, body: ByteBuffer(string: #"{"name": "Comité\u0000"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let fields = (try json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
                #expect(fields == ["name"])
            }
            // An escaped backslash before "u0000" is text, not a NUL.
            try await client.execute(
                uri: "/api/v1/practices", method: .post, headers: headers, body: ByteBuffer(string: #"{"title": "Le code \\u0000 expliqué"}"#)
            ) { response in
                #expect(response.status == .created)
            }
        }
    }

    @Test(arguments: ["-2020", "2021--", "+202", "2020-1", "20a0", "2020-02-30"])
    func aPeriodMustBeWrittenWhole(_ start: String) async throws {
        try await withTokenApp(role: .admin) { client, token in
            let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
            let practice = #"{"title": "Une période", "period": {"start": "\#(start)"}}"#
            try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers, body: ByteBuffer(string: practice)) { response in
                #expect(response.status == .unprocessableContent, "\(start)")
                let fields = (try json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
                #expect(fields == ["period.start"], "\(start)")
            }
        }
    }

    /// Digits alone address a practice by id; a slug always holds a letter, so it never names another practice's id.
    @Test func aSlugNeverReadsAsAnId() async throws {
        try await withTokenApp(role: .admin) { client, token in
            let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
            try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers, body: ByteBuffer(string: #"{"title": "x", "slug": "1"}"#)) {
                response in
                #expect(response.status == .unprocessableContent)
                let fields = (try json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
                #expect(fields == ["slug"])
            }
            let id = try await client.execute(uri: "/api/v1/practices", method: .post, headers: headers, body: ByteBuffer(string: #"{"title": "2024"}"#)) {
                response in
                #expect(response.status == .created)
                let body = try json(response)
                #expect(body["slug"] as? String == "practice-2024")
                return body["id"] as? Int ?? 0
            }
            try await client.execute(uri: "/api/v1/practices/\(id)", method: .get, headers: headers) { response in
                let slug = try json(response)["slug"] as? String
                #expect(slug == "practice-2024")
            }
            try await client.execute(uri: "/api/v1/practices/practice-2024", method: .get, headers: headers) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/practices/2024", method: .get, headers: headers) { #expect($0.status == .notFound) }
        }
    }
}
