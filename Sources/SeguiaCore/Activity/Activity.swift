import Foundation

/// What an agreement's or a practice's activity is about.
public enum ActivitySubject: Sendable, Equatable {
    case agreement(code: String)
    case practice(slug: String)
}

/// A meeting as it is written: a day, a title, a place, its minutes (a document).
public struct MeetingInput: Sendable, Equatable {
    public var subject: ActivitySubject
    public var heldOn: String
    public var title: String
    public var place: String?
    public var minutes: Int64?
    public var confidentiality: Confidentiality

    public init(
        subject: ActivitySubject, heldOn: String, title: String, place: String? = nil, minutes: Int64? = nil, confidentiality: Confidentiality = .partners
    ) {
        self.subject = subject
        self.heldOn = heldOn
        self.title = title
        self.place = place
        self.minutes = minutes
        self.confidentiality = confidentiality
    }

    public func issues() -> [FieldIssue] {
        var problems: [FieldIssue] = []
        if !DocumentMetadata.isDay(heldOn) { problems.append(FieldIssue(field: "held_on", reason: "must be a day written YYYY-MM-DD")) }
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 300 { problems.append(FieldIssue(field: "title", reason: "must be 1 to 300 characters")) }
        if let place, place.count > 300 { problems.append(FieldIssue(field: "place", reason: "must be at most 300 characters")) }
        return problems
    }
}

/// One line of an activity: a document added, a meeting held, a sheet's revision; newest first.
public struct ActivityEntry: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case document, meeting, revision
    }

    public var kind: Kind
    /// The day it happened, `YYYY-MM-DD`: a document's own date (else when it was added), a
    /// meeting's day, a revision's.
    public var day: String
    public var title: String
    /// A document's kind, a meeting's place, a revision's workflow step.
    public var detail: String?
    /// The document, or the meeting's minutes, when the reader may see it.
    public var documentID: Int64?
    public var documentLanguage: Language?
    public var revision: Int?
    public var by: String

    public init(
        kind: Kind, day: String, title: String, detail: String? = nil, documentID: Int64? = nil, documentLanguage: Language? = nil,
        revision: Int? = nil, by: String
    ) {
        self.kind = kind
        self.day = day
        self.title = title
        self.detail = detail
        self.documentID = documentID
        self.documentLanguage = documentLanguage
        self.revision = revision
        self.by = by
    }
}
