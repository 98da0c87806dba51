import Foundation
import SeguiaCore

extension PracticeQuery {
    /// The search a query string asks for, read the same way for the API and the pages.
    init(_ parameters: inout QueryParameters) {
        self.init()
        text = parameters.string("q")
        // Each facet takes several values, repeated (territory=MA&territory=PS) or comma-separated.
        territories = parameters.facet("territory") { TerritoryCode.isValid(TerritoryCode.normalise($0)) ? TerritoryCode.normalise($0) : nil }
        themes = parameters.facet("theme") { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } ? $0 : nil }
        organisations = parameters.facet("organisation") { $0.uppercased() }
        status = parameters.enumeration("status", as: PracticeStatus.self)
        languages = parameters.facet("lang") { Language(rawValue: $0.lowercased())?.rawValue }.compactMap(Language.init(rawValue:))
        fromYear = parameters.integer("from", in: 1800...2200)
        toYear = parameters.integer("to", in: 1800...2200)
        limit = parameters.integer("limit", in: 1...PracticeQuery.maximumLimit) ?? PracticeQuery.defaultLimit
        if let token = parameters.string("cursor") {
            cursor = PracticeCursor(token: token)
            if cursor == nil { parameters.reject("cursor", "is not a cursor this server gave") }
        }
    }
}

extension QueryParameters {
    /// The values of a facet, each read by `value` (nil: not a value of it, an issue), without repeats.
    mutating func facet(_ name: String, _ value: (String) -> String?) -> [String] {
        var values: [String] = []
        for raw in list(name) {
            guard let read = value(raw) else {
                reject(name, "'\(raw.prefix(60))' is not a value of this filter")
                continue
            }
            if !values.contains(read) { values.append(read) }
        }
        if values.count > PracticeQuery.maximumValuesPerFacet { reject(name, "choose at most \(PracticeQuery.maximumValuesPerFacet) at once") }
        return values
    }
}
