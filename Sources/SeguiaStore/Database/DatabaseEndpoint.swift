import Foundation
import PostgresNIO

/// Where and how to reach a PostgreSQL database.
public struct DatabaseEndpoint: Sendable, Equatable {
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    /// When set, the connection goes through this unix socket instead of TCP.
    public var unixSocketPath: String?
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(
        host: String = "127.0.0.1",
        port: Int = 5432,
        unixSocketPath: String? = nil,
        username: String,
        password: String?,
        database: String,
        tls: TLSMode = .disable
    ) {
        self.host = host
        self.port = port
        self.unixSocketPath = unixSocketPath
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Parses `postgres://user:password@host:port/database?sslmode=…`; the reasons list every problem.
    public static func parse(url text: String) -> Result<DatabaseEndpoint, DatabaseURLError> {
        var reasons: [String] = []
        guard let components = URLComponents(string: text), let scheme = components.scheme else {
            return .failure(DatabaseURLError(reasons: ["is not a URL of the form postgres://user:password@host:port/database"]))
        }
        if scheme != "postgres" && scheme != "postgresql" {
            reasons.append("scheme must be postgres:// or postgresql://, not \(scheme)://")
        }
        let host = components.host ?? ""
        let socketDirectory = components.queryItems?.first(where: { $0.name == "host" })?.value
        if host.isEmpty && socketDirectory == nil { reasons.append("has no host") }
        let user = components.user.flatMap { $0.removingPercentEncoding ?? $0 } ?? ""
        if user.isEmpty { reasons.append("has no user name") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        if database.isEmpty { reasons.append("has no database name after the host") }
        let port = components.port ?? 5432
        if !(1...65535).contains(port) { reasons.append("port \(port) is out of range") }
        var tls = TLSMode.prefer
        if let mode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value {
            switch mode {
            case "disable", "allow": tls = .disable
            case "prefer": tls = .prefer
            case "require", "verify-ca", "verify-full": tls = .require
            default: reasons.append("sslmode '\(mode)' is not one of disable, prefer, require")
            }
        }
        guard reasons.isEmpty else { return .failure(DatabaseURLError(reasons: reasons)) }
        let password = components.password.flatMap { $0.removingPercentEncoding ?? $0 }
        return .success(
            DatabaseEndpoint(
                host: host, port: port,
                unixSocketPath: socketDirectory.map { "\($0)/.s.PGSQL.\(port)" },
                username: user, password: password, database: database, tls: tls))
    }

    /// The same server, another database.
    public func with(database: String) -> DatabaseEndpoint {
        var copy = self
        copy.database = database
        return copy
    }

    /// A URL for this endpoint with the password left out, safe to log.
    public var redactedDescription: String {
        if let unixSocketPath { return "postgres://\(username)@[\(unixSocketPath)]/\(database)" }
        return "postgres://\(username)@\(host):\(port)/\(database)"
    }

    public func clientConfiguration(maximumConnections: Int = 20) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let unixSocketPath {
            configuration = .init(unixSocketPath: unixSocketPath, username: username, password: password, database: database)
        } else {
            let tlsSetting: PostgresClient.Configuration.TLS =
                switch tls {
                case .disable: .disable
                case .prefer: .prefer(.makeClientConfiguration())
                case .require: .require(.makeClientConfiguration())
                }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tlsSetting)
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        // The server's statements are short and planned with generous row estimates: JIT
        // compilation would cost more than it saves (1.7 s of a 2.2 s facet query was JIT).
        configuration.options.additionalStartupParameters = [("jit", "off")]
        return configuration
    }
}

/// Everything wrong with a `DATABASE_URL`.
public struct DatabaseURLError: Error, Equatable, CustomStringConvertible {
    public var reasons: [String]

    public var description: String { reasons.joined(separator: "; ") }
}
