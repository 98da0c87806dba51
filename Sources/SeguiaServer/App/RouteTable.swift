import Foundation
import HTTPTypes

/// The paths of the API and the methods each answers, read from the OpenAPI document (which a
/// test keeps equal to the router): what a 405 names in `Allow`.
struct RouteTable: Sendable {
    private let routes: [(segments: [Substring], methods: [String])]

    init(openAPI: Data) throws {
        let document = try JSONSerialization.jsonObject(with: openAPI) as? [String: Any]
        let paths = document?["paths"] as? [String: [String: Any]] ?? [:]
        routes = paths.map { path, operations in
            let methods = operations.keys.map { $0.uppercased() }.filter { $0 != "PARAMETERS" }.sorted()
            return (path.split(separator: "/"), methods.contains("GET") ? methods + ["HEAD"] : methods)
        }
    }

    /// The methods of the route `path` matches, or nil when no route has this shape.
    func methods(for path: String) -> [String]? {
        let segments = path.split(separator: "/")
        let matching = routes.filter { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { template, segment in template.hasPrefix("{") || template == segment }
        }
        // `/practices/import` is its own route, not `/practices/{identifier}`: the route with the
        // most literal segments is the one the router takes.
        func literals(_ route: (segments: [Substring], methods: [String])) -> Int { route.segments.filter { !$0.hasPrefix("{") }.count }
        guard let best = matching.map(literals).max() else { return nil }
        return Array(Set(matching.filter { literals($0) == best }.flatMap(\.methods))).sorted()
    }
}
