import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore

/// Entity tags of the form `"<prefix><id>-<version>"`, as practices (`"12-3"`) and values
/// (`"v42-1700000000000000"`) carry them.
enum EntityTag {
    /// The version `If-Match` names for resource `id`: 428 without the header or with `*`, 412
    /// when it is malformed or names another resource.
    static func version(in request: Request, prefix: String, id: Int64, resource: String) throws -> Int64 {
        guard let header = request.headers[.ifMatch], !header.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HTTPError(.preconditionRequired, message: "Send If-Match with the ETag of the \(resource) as you last read it.")
        }
        // `*` matches whatever the current revision is: it would let a change overwrite one the
        // client never saw, which is what If-Match is here to prevent.
        guard header.trimmingCharacters(in: .whitespaces) != "*" else {
            throw HTTPError(
                .preconditionRequired,
                message: "If-Match: * does not say which revision you read; send the ETag of the \(resource) as you last read it.")
        }
        let tag = header.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let parts = tag.dropFirst(prefix.count).split(separator: "-")
        guard tag.hasPrefix(prefix), parts.count == 2, Int64(parts[0]) == id, let version = Int64(parts[1]) else {
            throw AppError.preconditionFailed("If-Match '\(header)' is not the ETag of this \(resource).")
        }
        return version
    }
}
