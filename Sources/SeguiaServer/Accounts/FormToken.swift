import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore

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
