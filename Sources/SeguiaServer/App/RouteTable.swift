import Foundation
import HTTPTypes

/// The paths of the API and the methods each answers, read from the OpenAPI document (which a
/// test keeps equal to the router): what a 405 names in `Allow`, and the route an answer is
/// checked against.
public struct RouteTable: Sendable {
    private struct Route: Sendable {
        var path: String
        var segments: [Substring]
        var methods: [String]
        var literals: Int { segments.filter { !$0.hasPrefix("{") }.count }
    }

    private let routes: [Route]

    public init(openAPI: Data) throws {
        let document = try JSONSerialization.jsonObject(with: openAPI) as? [String: Any]
        let paths = document?["paths"] as? [String: [String: Any]] ?? [:]
        routes = paths.map { path, operations in
            let methods = operations.keys.map { $0.uppercased() }.filter { $0 != "PARAMETERS" }.sorted()
            return Route(path: path, segments: path.split(separator: "/"), methods: methods.contains("GET") ? methods + ["HEAD"] : methods)
        }
    }

    /// The document's path (`/api/v1/practices/{identifier}`) for a request path, or nil when no
    /// route has its shape. `/practices/import` is its own route, not `/practices/{identifier}`:
    /// the route with the most literal segments is the one the router takes.
    public func template(for path: String) -> String? {
        matching(path).max { $0.literals < $1.literals }?.path
    }

    /// The methods of the route `path` matches, or nil when no route has this shape.
    func methods(for path: String) -> [String]? {
        let matching = matching(path)
        guard let best = matching.map(\.literals).max() else { return nil }
        return Array(Set(matching.filter { $0.literals == best }.flatMap(\.methods))).sorted()
    }

    private func matching(_ path: String) -> [Route] {
        let segments = path.split(separator: "/")
        return routes.filter { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { template, segment in template.hasPrefix("{") || template == segment }
        }
    }
}
