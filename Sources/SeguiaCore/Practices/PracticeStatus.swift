/// Where a practice stands in its editorial life.
public enum PracticeStatus: String, CaseIterable, Sendable, Codable {
    case draft
    case inReview = "in_review"
    case published
    case archived
}
