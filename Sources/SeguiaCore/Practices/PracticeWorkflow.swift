/// A step of a sheet's editorial life, as its history records it. `discarded` drops the
/// pending draft of a published sheet, which stays as it was.
public enum WorkflowStep: String, CaseIterable, Sendable, Codable {
    case created, edited, submitted, returned, published, withdrawn, archived, restored, discarded
}

/// Who moves a sheet from one status to the next, and what they must say.
///
/// draft → submitted for review, with a message saying what to look at (any contributor);
/// submitted → published by a publisher of the owning organisation who is not the one who
/// submitted it (four eyes; administrators excepted); submitted → back to draft, with the
/// reviewer's reasons, by a reviewer or publisher of the owning organisation (or by whoever
/// submitted it, taking it back). What the public sees is decided by `PracticeStewardship`.
public enum PracticeWorkflow {
    /// Longest message a step keeps.
    public static let maximumMessageLength = 4_000

    public static func step(from current: PracticeStatus?, to new: PracticeStatus) -> WorkflowStep {
        guard let current else { return .created }
        switch (current, new) {
        case (.draft, .inReview): return .submitted
        case (.inReview, .draft): return .returned
        case (.inReview, .published): return .published
        case (.published, .inReview): return .withdrawn
        case (_, .archived) where current != .archived: return .archived
        case (.archived, .draft): return .restored
        default: return .edited
        }
    }

    /// The person or token that submitted a sheet, as the history names them.
    public struct Submitter: Sendable, Equatable {
        public var userID: Int64?
        public var name: String

        public init(userID: Int64?, name: String) {
            self.userID = userID
            self.name = name
        }

        func isSame(as identity: Identity) -> Bool {
            if let userID, let other = identity.userID { return userID == other }
            return identity.userID == nil && userID == nil && name == identity.name
        }
    }

    /// Fails (422 for a missing message, 403 for the wrong person) unless `author` may take `step`.
    public static func check(
        _ step: WorkflowStep, message: String?, owner: String?, submitter: Submitter?, by author: Identity
    ) throws {
        let message = message?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let message, message.count > maximumMessageLength {
            throw AppError.invalid(field: "message", reason: "must be at most \(maximumMessageLength) characters")
        }
        let hasMessage = !(message ?? "").isEmpty
        switch step {
        case .submitted:
            if !hasMessage {
                throw AppError.invalid(field: "message", reason: "say what the reviewers should look at when submitting a sheet")
            }
        case .returned:
            let takesBack = submitter?.isSame(as: author) ?? false
            if !takesBack {
                if author.role != .admin && (author.role < .reviewer || author.organisation == nil || author.organisation != owner) {
                    throw AppError.forbidden("Only reviewers and publishers of \(owner ?? "its organisation"), or administrators, return a submitted sheet.")
                }
                if !hasMessage { throw AppError.invalid(field: "message", reason: "give the reasons for returning the sheet to its authors") }
            }
        case .published:
            if author.role != .admin, submitter?.isSame(as: author) ?? false {
                throw AppError.forbidden("Whoever submitted a sheet does not publish it too: another publisher or an administrator does.")
            }
        case .created, .edited, .withdrawn, .archived, .restored, .discarded:
            break
        }
    }
}
