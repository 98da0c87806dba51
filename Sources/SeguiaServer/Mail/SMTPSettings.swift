import Foundation
import SeguiaCore

/// Where notifications are mailed: an SMTP relay and the address mails come from.
///
/// `SEGUIA_SMTP_URL` names the relay: `smtp://user:password@host:587` speaks STARTTLS and
/// requires it (port 587 by default), `smtps://…:465` is TLS from the first byte, and
/// `smtp+plain://host:25` speaks in clear, for a relay on the same machine or private network
/// (it refuses to send a password in clear to another host). The certificate is checked
/// against the system's trusted authorities and the host name.
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable {
        case startTLS, tls, plain
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The `From` address, `SEGUIA_MAIL_FROM`.
    public var from: String
    /// Where links in mails point, `SEGUIA_PUBLIC_URL` (`https://seguia.example.org`).
    public var publicURL: String

    public init(
        host: String, port: Int, security: Security, username: String? = nil, password: String? = nil, from: String, publicURL: String
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.publicURL = publicURL
    }

    /// The settings these values give, or the reasons they are wrong (each naming its key).
    public static func parse(url text: String, from: String?, publicURL: String?) -> Result<SMTPSettings, ConfigurationError> {
        var issues: [FieldIssue] = []
        let components = URLComponents(string: text)
        let security: Security? =
            switch components?.scheme?.lowercased() {
            case "smtp": .startTLS
            case "smtps": .tls
            case "smtp+plain": .plain
            default: nil
            }
        if security == nil { issues.append(FieldIssue(field: "SEGUIA_SMTP_URL", reason: "must start with smtp://, smtps:// or smtp+plain://")) }
        let host = components?.host ?? ""
        if host.isEmpty { issues.append(FieldIssue(field: "SEGUIA_SMTP_URL", reason: "names no host")) }
        let port = components?.port ?? (security == .tls ? 465 : security == .plain ? 25 : 587)
        if !(1...65535).contains(port) { issues.append(FieldIssue(field: "SEGUIA_SMTP_URL", reason: "the port must be between 1 and 65535")) }
        let username = components?.user?.removingPercentEncoding
        let password = components?.password?.removingPercentEncoding
        if security == .plain, username != nil, !Self.isLoopback(host) {
            issues.append(FieldIssue(field: "SEGUIA_SMTP_URL", reason: "smtp+plain:// would send the password in clear to \(host): use smtp:// or smtps://"))
        }
        let sender = from?.trimmingCharacters(in: .whitespaces) ?? ""
        if !Self.isMailbox(sender) {
            issues.append(FieldIssue(field: "SEGUIA_MAIL_FROM", reason: "must be the address mails come from, such as seguia@example.org"))
        }
        let link = (publicURL ?? "").trimmingCharacters(in: .whitespaces)
        let linkComponents = URLComponents(string: link)
        if !["http", "https"].contains(linkComponents?.scheme?.lowercased() ?? "") || (linkComponents?.host ?? "").isEmpty {
            issues.append(FieldIssue(field: "SEGUIA_PUBLIC_URL", reason: "must be the address people open Seguia at, such as https://seguia.example.org"))
        }
        guard issues.isEmpty, let security else { return .failure(ConfigurationError(issues: issues)) }
        return .success(
            SMTPSettings(
                host: host, port: port, security: security, username: username, password: password, from: sender,
                publicURL: link.hasSuffix("/") ? String(link.dropLast()) : link))
    }

    /// An address that can stand between `<` and `>` in an SMTP command and a header.
    public static func isMailbox(_ text: String) -> Bool {
        AccountInput.isEmailAddress(text) && !text.contains(where: { "<>\"(),;:\\[]".contains($0) || $0.isNewline || !$0.isASCII && $0.isWhitespace })
    }

    static func isLoopback(_ host: String) -> Bool {
        ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased())
    }
}
