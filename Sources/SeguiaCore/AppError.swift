/// A failure that the domain can name, translated to HTTP status codes at the edge.
public enum AppError: Error, Equatable, Sendable {
    /// The named resource does not exist.
    case notFound(resource: String, identifier: String)
    /// One or more inputs are invalid; each entry names the field and what is wrong with it.
    case invalid([FieldIssue])
    /// The request conflicts with existing data (a duplicate key, for instance).
    case conflict(String)
    /// The client's precondition (`If-Match`) no longer holds.
    case preconditionFailed(String)
    /// No valid credentials were presented.
    case unauthorized(String)
    /// Credentials were valid but do not allow this action.
    case forbidden(String)

    /// A single invalid field with its reason.
    public static func invalid(field: String, reason: String) -> AppError {
        .invalid([FieldIssue(field: field, reason: reason)])
    }
}

extension AppError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notFound(let resource, let identifier): "no \(resource) '\(identifier)'"
        case .invalid(let issues): issues.map { "\($0.field): \($0.reason)" }.joined(separator: "; ")
        case .conflict(let reason), .preconditionFailed(let reason), .unauthorized(let reason), .forbidden(let reason): reason
        }
    }
}

/// One problem with one input field.
public struct FieldIssue: Equatable, Sendable, Codable {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }
}
