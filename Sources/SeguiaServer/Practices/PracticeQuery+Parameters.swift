import Foundation
import SeguiaCore

extension PracticeQuery {
    /// The search a query string asks for, read the same way for the API and the pages.
    init(_ parameters: inout QueryParameters) {
        self.init()
        text = parameters.string("q")
        territory = parameters.territoryCode("territory")
        theme = parameters.string("theme")
        organisation = parameters.string("organisation").map { $0.uppercased() }
        status = parameters.enumeration("status", as: PracticeStatus.self)
        language = parameters.enumeration("lang", as: Language.self)
        fromYear = parameters.integer("from", in: 1800...2200)
        toYear = parameters.integer("to", in: 1800...2200)
        limit = parameters.integer("limit", in: 1...PracticeQuery.maximumLimit) ?? PracticeQuery.defaultLimit
        if let token = parameters.string("cursor") {
            cursor = PracticeCursor(token: token)
            if cursor == nil { parameters.reject("cursor", "is not a cursor this server gave") }
        }
    }
}
