import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore

/// The person signed in on this request, for the pages to greet and to put in their forms.
///
/// A task-local rather than a parameter of every page: the layout of every page shows who is
/// signed in, and the pages themselves never decide anything from it (they read the request
/// context's identity for that).
struct WebViewer: Sendable {
    var account: Account
    /// The token this person's forms carry.
    var formToken: String
    /// The session's secret, to end this session at sign-out.
    var sessionSecret: String
    /// Notifications not read yet, counted in the header of every page.
    var unreadNotifications: Int = 0

    @TaskLocal static var current: WebViewer?
}

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

/// Tokens against cross-site request forgery. Every form that changes something carries a token
/// derived from a secret that only this browser's cookie holds; another site can make the
/// browser send the cookie, but cannot read it, so it cannot write the token.
enum FormToken {
    static func token(for secret: String) -> String {
        Base64URL.encode(Array(SHA256.hash(data: Data("seguia-form\u{0}\(secret)".utf8))))
    }

    /// Fails with 403, changing nothing, unless the form's `csrf` field is the token of this
    /// browser's session (or, for a visitor, of its form cookie), and the request, when it says
    /// where it comes from, comes from this site.
    static func check(_ form: QueryParameters, request: Request) throws {
        if let origin = request.headers[HTTPField.Name("Origin")!], origin != "null" {
            let host = URL(string: origin).map { ($0.host ?? "") + ($0.port.map { ":\($0)" } ?? "") }
            guard let host, host.lowercased() == request.head.authority?.lowercased() else {
                throw AppError.forbidden("This form was sent from another site.")
            }
        }
        let secret = WebViewer.current?.sessionSecret ?? WebCookie.value(WebCookie.form, in: request)
        guard let secret, let sent = form.values["csrf"], constantTimeEqual(sent, token(for: secret)) else {
            throw AppError.forbidden("This form has expired or was not sent from its page.")
        }
    }

    private static func constantTimeEqual(_ first: String, _ second: String) -> Bool {
        let (a, b) = (Array(first.utf8), Array(second.utf8))
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Reads a posted form: `application/x-www-form-urlencoded`, UTF-8, with its form token checked.
enum WebForm {
    static let maximumBytes = 64 * 1024

    /// The form, at most `limit` bytes, each field at most `fieldLength` characters (a sheet's
    /// section is long; a sign-in field is not).
    static func read(_ request: Request, limit: Int = maximumBytes, fieldLength: Int = QueryParameters.maximumLength) async throws -> QueryParameters {
        let body = try await request.body(
            ofType: ["application/x-www-form-urlencoded"], limit: limit, expected: "a form (application/x-www-form-urlencoded)")
        let form = QueryParameters(query: String(buffer: body), maximumLength: fieldLength)
        try FormToken.check(form, request: request)
        try form.validate()
        return form
    }
}
