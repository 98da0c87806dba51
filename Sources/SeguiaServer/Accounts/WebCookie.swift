import HTTPTypes
import Hummingbird

/// The two cookies of the pages: the session's, and the one that lets a visitor not yet signed
/// in send the sign-in form. Both `HttpOnly` and `SameSite=Lax`; `Secure` when the request came
/// over HTTPS (directly or, as `X-Forwarded-Proto` says, through a proxy).
enum WebCookie {
    static let session = "seguia_session"
    static let form = "seguia_form"

    /// The value of cookie `name` in the request, if any.
    static func value(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    let value = parts[1].trimmingCharacters(in: .whitespaces)
                    // Secrets are base64url: anything else was not set by this server.
                    guard !value.isEmpty, value.count <= 100, value.allSatisfy({ $0.isLetter || $0.isNumber || "-_".contains($0) }) else {
                        return nil
                    }
                    return value
                }
            }
        }
        return nil
    }

    static func isSecure(_ request: Request) -> Bool {
        request.head.scheme == "https" || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    /// `Set-Cookie` for `value`, kept `maxAge` seconds; nil `value` removes the cookie.
    static func header(_ name: String, _ value: String?, maxAge: Int, request: Request) -> String {
        var parts = ["\(name)=\(value ?? "")", "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=\(value == nil ? 0 : maxAge)"]
        if isSecure(request) { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }
}
