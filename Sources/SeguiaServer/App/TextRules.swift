import Foundation
import Hummingbird
import SeguiaCore

/// Rules every text that reaches the database obeys, applied where requests come in.
enum TextRules {
    static let nulReason = "must not contain NUL characters"

    static func containsNUL(_ text: String) -> Bool {
        text.utf8.contains(0)
    }

    /// A JSON body's bytes, refused (422, naming each field) when a string or a key holds NUL.
    /// In JSON a NUL can only be written `\u0000`, so bodies without that escape are not walked.
    static func checkedJSON(_ body: ByteBuffer) throws -> Data {
        let data = Data(body.readableBytesView)
        guard data.range(of: Data("\\u0000".utf8)) != nil || data.range(of: Data("\\U0000".utf8)) != nil,
            let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return data }
        var issues: [FieldIssue] = []
        collectNUL(in: object, path: "", into: &issues)
        if !issues.isEmpty { throw AppError.invalid(issues) }
        return data
    }

    private static func collectNUL(in value: Any, path: String, into issues: inout [FieldIssue]) {
        switch value {
        case let text as String:
            if containsNUL(text) { issues.append(FieldIssue(field: path.isEmpty ? "body" : path, reason: nulReason)) }
        case let array as [Any]:
            for (index, element) in array.enumerated() { collectNUL(in: element, path: "\(path)[\(index)]", into: &issues) }
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                let field = path.isEmpty ? key : "\(path).\(key)"
                if containsNUL(key) { issues.append(FieldIssue(field: field.replacingOccurrences(of: "\u{0}", with: ""), reason: nulReason)) }
                collectNUL(in: object[key] as Any, path: field, into: &issues)
            }
        default:
            break
        }
    }
}
