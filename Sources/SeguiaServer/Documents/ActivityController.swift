import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/api/v1/activity` (what happened around an agreement or a practice) and `/api/v1/meetings`.
struct ActivityController<Context: IdentifiedRequestContext> {
    let repository: ActivityRepository

    struct EntryDTO: Codable, Sendable {
        var kind: String
        var day: String
        var title: String
        var detail: String?
        var document: String?
        var revision: Int?
        var by: String
    }

    struct TimelineDTO: ResponseEncodable {
        var items: [EntryDTO]
        var total: Int
    }

    struct MeetingDTO: ResponseEncodable {
        var id: Int64
    }

    @Sendable func timeline(_ request: Request, context: Context) async throws -> TimelineDTO {
        var parameters = QueryParameters(request)
        let subject = try Self.subject(&parameters)
        try parameters.validate()
        let entries = try await repository.timeline(subject, audience: context.identity.audience, logger: context.logger)
        return TimelineDTO(
            items: entries.map {
                EntryDTO(
                    kind: $0.kind.rawValue, day: $0.day, title: $0.title, detail: $0.detail, document: $0.documentID.map { "/api/v1/documents/\($0)" },
                    revision: $0.revision, by: $0.by)
            }, total: entries.count)
    }

    /// A meeting, as JSON: `agreement` or `practice`, `held_on`, `title`, `place`, `minutes` (a document's id), `confidentiality`.
    @Sendable func addMeeting(_ request: Request, context: Context) async throws -> EditedResponse<MeetingDTO> {
        let author = try context.identity.require(.contributor, to: "Recording a meeting")
        let body = try await request.body(ofType: ["application/json"], limit: 16_384, expected: "the meeting as application/json")
        let data = try TextRules.checkedJSON(body)
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw AppError.invalid(field: "body", reason: "must be a JSON object")
        }
        var issues = Set(object.keys).subtracting(["agreement", "practice", "held_on", "title", "place", "minutes", "confidentiality"]).sorted()
            .map { FieldIssue(field: $0, reason: "is not a field of a meeting") }
        let agreement = (object["agreement"] as? String)?.uppercased()
        let practice = object["practice"] as? String
        if (agreement == nil) == (practice == nil) { issues.append(FieldIssue(field: "agreement", reason: "name the agreement or the practice the meeting is of, one of them")) }
        let confidentiality = (object["confidentiality"] as? String).map { Confidentiality(rawValue: $0) } ?? .partners
        if confidentiality == nil { issues.append(FieldIssue(field: "confidentiality", reason: "is public, partners or private")) }
        if !issues.isEmpty { throw AppError.invalid(issues) }
        let meeting = MeetingInput(
            subject: agreement.map { .agreement(code: $0) } ?? .practice(slug: practice ?? ""), heldOn: object["held_on"] as? String ?? "",
            title: object["title"] as? String ?? "", place: object["place"] as? String, minutes: (object["minutes"] as? Int).map(Int64.init),
            confidentiality: confidentiality ?? .partners)
        let id = try await repository.addMeeting(meeting, by: author, logger: context.logger)
        return EditedResponse(status: .created, response: MeetingDTO(id: id))
    }

    static func subject(_ parameters: inout QueryParameters) throws -> ActivitySubject {
        let agreement = parameters.string("agreement", limit: 64)?.uppercased()
        let practice = parameters.string("practice", limit: 120)
        switch (agreement, practice) {
        case (let code?, nil): return .agreement(code: code)
        case (nil, let slug?): return .practice(slug: slug)
        default: throw AppError.invalid(field: "agreement", reason: "name an agreement or a practice, one of them")
        }
    }
}
