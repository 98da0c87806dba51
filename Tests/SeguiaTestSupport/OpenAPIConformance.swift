import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaServer
import Testing

/// Checks answers against the OpenAPI document the server publishes: the status must be one
/// the document lists for the route, and a JSON body must match the response's schema. Every
/// test that goes through `withTestApp` is checked, so a field added to a DTO and forgotten in
/// the document fails a test.
///
/// The schemas are read for structure: `type` (one or several), `properties`, `required`,
/// `additionalProperties`, `items`, `enum`, `const`, `$ref`, `allOf`, `anyOf` and `oneOf` (read
/// as "at least one"); formats and lengths describe requests and are not checked on answers.
public struct OpenAPIConformance: Sendable {
    private let document: JSONObject
    private let routes: RouteTable

    public static let shared: OpenAPIConformance = {
        do {
            return try OpenAPIConformance(data: Data(OpenAPIDocument.load().readableBytesView))
        } catch {
            fatalError("openapi.json does not load: \(error)")
        }
    }()

    public init(data: Data) throws {
        guard let document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw OpenAPIConformanceError(description: "the document is not a JSON object")
        }
        self.document = JSONObject(document)
        routes = try RouteTable(openAPI: data)
    }

    /// What is wrong with this answer to `method` `uri`, as the document describes it.
    public func problems(method: HTTPRequest.Method, uri: String, status: Int, contentType: String?, body: Data) -> [String] {
        let path = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
        guard let template = routes.template(for: path) else { return [] }  // the router's 404 for a path no route has
        let operationMethod = method == .head ? "get" : method.rawValue.lowercased()
        let where_ = "\(method.rawValue) \(template) → \(status)"
        guard let operation = value(at: ["paths", template, operationMethod]) as? [String: Any] else {
            return status == 405 ? [] : ["\(where_): the document has no such operation"]
        }
        let responses = operation["responses"] as? [String: Any] ?? [:]
        guard var response = responses[String(status)] ?? responses["\(status / 100)XX"] ?? responses["default"] else {
            return ["\(where_): status not in the document (it lists \(responses.keys.sorted().joined(separator: ", ")))"]
        }
        if let reference = (response as? [String: Any])?["$ref"] as? String { response = resolve(reference) ?? [:] }
        guard method != .head, !body.isEmpty, let content = (response as? [String: Any])?["content"] as? [String: Any] else { return [] }
        let mediaType = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let media = content[mediaType] as? [String: Any] else {
            return ["\(where_): media type '\(mediaType)' not in the document (it lists \(content.keys.sorted().joined(separator: ", ")))"]
        }
        guard mediaType.hasSuffix("json"), let schema = media["schema"] else { return [] }
        guard let json = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            return ["\(where_): the body is not JSON"]
        }
        return validate(json, against: schema, at: "body").map { "\(where_): \($0)" }
    }

    private func value(at keys: [String]) -> Any? {
        var current: Any? = document.value
        for key in keys { current = (current as? [String: Any])?[key] }
        return current
    }

    private func resolve(_ reference: String) -> Any? {
        guard reference.hasPrefix("#/") else { return nil }
        return value(at: reference.dropFirst(2).split(separator: "/").map(String.init))
    }

    private func validate(_ value: Any, against schemaValue: Any, at location: String, depth: Int = 0) -> [String] {
        guard depth < 64, let schema = schemaValue as? [String: Any] else { return [] }
        if let reference = schema["$ref"] as? String {
            guard let resolved = resolve(reference) else { return ["\(location): unresolvable \(reference)"] }
            return validate(value, against: resolved, at: location, depth: depth + 1)
        }
        var problems: [String] = []
        if let all = schema["allOf"] as? [Any] {
            for part in all { problems += validate(value, against: part, at: location, depth: depth + 1) }
        }
        for keyword in ["anyOf", "oneOf"] {
            guard let choices = schema[keyword] as? [Any] else { continue }
            let outcomes = choices.map { validate(value, against: $0, at: location, depth: depth + 1) }
            if !outcomes.contains(where: \.isEmpty) {
                problems.append("\(location): matches none of its \(keyword) choices (\(outcomes.first?.first ?? ""))")
            }
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { Self.equal($0, value) }) {
            problems.append("\(location): \(Self.describe(value)) is not one of \(allowed.map(Self.describe).joined(separator: ", "))")
        }
        if let constant = schema["const"], !Self.equal(constant, value) {
            problems.append("\(location): \(Self.describe(value)) is not \(Self.describe(constant))")
        }
        var allowedTypes: [String] = (schema["type"] as? String).map { [$0] } ?? (schema["type"] as? [String]) ?? []
        if schema["nullable"] as? Bool == true, !allowedTypes.isEmpty { allowedTypes.append("null") }
        if !allowedTypes.isEmpty, !allowedTypes.contains(where: { Self.has(value, type: $0) }) {
            return problems + ["\(location): \(Self.describe(value)) is not of type \(allowedTypes.joined(separator: " or "))"]
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                problems.append("\(location): the required field '\(name)' is missing")
            }
            for (name, field) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] {
                    problems += validate(field, against: property, at: "\(location).\(name)", depth: depth + 1)
                } else if let additional = schema["additionalProperties"] {
                    if additional as? Bool == false, !properties.isEmpty || schema["type"] as? String == "object" {
                        problems.append("\(location): the field '\(name)' is not in the document")
                    } else if additional is [String: Any] {
                        problems += validate(field, against: additional, at: "\(location).\(name)", depth: depth + 1)
                    }
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] {
            for (index, element) in array.enumerated() {
                problems += validate(element, against: items, at: "\(location)[\(index)]", depth: depth + 1)
                if problems.count > 20 { break }
            }
        }
        return problems
    }

    private static func has(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "boolean": return isBoolean(value)
        case "integer":
            guard let number = value as? NSNumber, !isBoolean(value) else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        case "number": return value is NSNumber && !isBoolean(value)
        case "string": return value is String
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        default: return true
        }
    }

    private static func isBoolean(_ value: Any) -> Bool {
        // JSONSerialization reads true and false as NSNumber of ObjC type "c"; 1 and 0 as "i".
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    private static func equal(_ lhs: Any, _ rhs: Any) -> Bool {
        (lhs as? NSObject)?.isEqual(rhs) ?? false
    }

    private static func describe(_ value: Any) -> String {
        if let text = value as? String { return "'\(text.prefix(60))'" }
        if value is NSNull { return "null" }
        if let array = value as? [Any] { return "an array of \(array.count)" }
        if value is [String: Any] { return "an object" }
        return "\(value)"
    }
}

struct OpenAPIConformanceError: Error, CustomStringConvertible {
    var description: String
}

/// A JSON document shared between tests; never changed once read.
private struct JSONObject: @unchecked Sendable {
    let value: [String: Any]

    init(_ value: [String: Any]) {
        self.value = value
    }
}

/// A test client that records, as a test issue, every answer that departs from the document.
public struct ConformingTestClient: TestClientProtocol {
    let base: any TestClientProtocol

    public init(base: any TestClientProtocol) {
        self.base = base
    }

    public var port: Int? { base.port }

    public func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        let response = try await base.executeRequest(uri: uri, method: method, headers: headers, body: body)
        let problems = OpenAPIConformance.shared.problems(
            method: method, uri: uri, status: Int(response.status.code), contentType: response.headers[.contentType],
            body: Data(response.body.readableBytesView))
        for problem in problems.prefix(5) {
            Issue.record("The answer departs from openapi.json: \(problem)")
        }
        return response
    }
}
