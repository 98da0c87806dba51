import Configuration
import Foundation
import Logging
import SeguiaCore
import SeguiaStore

/// Everything the server needs to start, resolved once at the edge: command line, then
/// environment, then defaults. Library code never reads the environment itself.
public struct AppConfig: Sendable {
    public var host: String
    public var port: Int
    /// Absolute path of the directory holding the embedded cluster and local state.
    public var dataDirectory: URL
    /// An external database; `nil` means the embedded cluster in `dataDirectory`.
    public var database: DatabaseEndpoint?
    /// Streaming replicas of that database that may serve reads (`DATABASE_READ_URL`, several
    /// separated by commas or spaces); empty: everything reads the primary.
    public var readDatabases: [DatabaseEndpoint]
    /// A replica later than this is skipped (`SEGUIA_READ_MAX_LAG`, seconds).
    public var readMaximumLag: Duration
    /// Apply pending migrations on start (always done for the embedded cluster).
    public var migrateOnStart: Bool
    public var logLevel: Logger.Level
    /// `PATH`-style list where helper programs (`pdftotext`, `pdfinfo`) are looked for; `nil`: the usual directories.
    public var programSearchPath: String?
    /// The SMTP relay notifications are mailed through; `nil`: notifications stay in the application.
    public var mail: SMTPSettings?

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        dataDirectory: URL,
        database: DatabaseEndpoint? = nil,
        readDatabases: [DatabaseEndpoint] = [],
        readMaximumLag: Duration = .seconds(5),
        migrateOnStart: Bool = false,
        logLevel: Logger.Level = .info,
        programSearchPath: String? = nil,
        mail: SMTPSettings? = nil
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.database = database
        self.readDatabases = readDatabases
        self.readMaximumLag = readMaximumLag
        self.migrateOnStart = migrateOnStart
        self.logLevel = logLevel
        self.programSearchPath = programSearchPath
        self.mail = mail
    }

    /// Values given on the command line; `nil` when the flag was not used.
    public struct Flags: Sendable {
        public var host: String?
        public var port: String?
        public var dataDirectory: String?
        public var migrate: Bool
        public var logLevel: String?

        public init(host: String? = nil, port: String? = nil, dataDirectory: String? = nil, migrate: Bool = false, logLevel: String? = nil) {
            self.host = host
            self.port = port
            self.dataDirectory = dataDirectory
            self.migrate = migrate
            self.logLevel = logLevel
        }
    }

    /// Resolves the configuration, or fails listing every bad key at once.
    public static func resolve(flags: Flags, environment: [String: String], workingDirectory: URL) throws(ConfigurationError) -> AppConfig {
        let reader = ConfigReader(
            provider: EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: .specific(["DATABASE_URL", "DATABASE_READ_URL", "SEGUIA_SMTP_URL"])))
        var issues: [FieldIssue] = []

        let host = (flags.host ?? reader.string(forKey: "seguia.host") ?? "127.0.0.1").trimmingCharacters(in: .whitespaces)
        if host.isEmpty || host.contains(where: { $0.isWhitespace || $0 == "/" }) {
            issues.append(FieldIssue(field: "--host / SEGUIA_HOST", reason: "'\(host)' is not a host name or address"))
        }

        let portText = flags.port ?? reader.string(forKey: "seguia.port") ?? "8080"
        let port = Int(portText.trimmingCharacters(in: .whitespaces)) ?? -1
        if !(0...65535).contains(port) {
            issues.append(FieldIssue(field: "--port / SEGUIA_PORT", reason: "'\(portText)' is not a port number between 0 and 65535"))
        }

        let dataText = flags.dataDirectory ?? reader.string(forKey: "seguia.data.dir") ?? ".seguia"
        if dataText.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(FieldIssue(field: "--data-dir / SEGUIA_DATA_DIR", reason: "must not be empty"))
        }
        let dataDirectory =
            dataText.hasPrefix("/")
            ? URL(fileURLWithPath: dataText).standardizedFileURL
            : workingDirectory.appendingPathComponent(dataText).standardizedFileURL

        var database: DatabaseEndpoint?
        if let url = reader.string(forKey: "database.url", isSecret: true), !url.isEmpty {
            switch DatabaseEndpoint.parse(url: url) {
            case .success(let endpoint): database = endpoint
            case .failure(let error):
                issues += error.reasons.map { FieldIssue(field: "DATABASE_URL", reason: $0) }
            }
        }

        var readDatabases: [DatabaseEndpoint] = []
        if let urls = reader.string(forKey: "database.read.url", isSecret: true) {
            for url in urls.split(whereSeparator: { $0 == "," || $0.isWhitespace }) {
                switch DatabaseEndpoint.parse(url: String(url)) {
                case .success(let endpoint): readDatabases.append(endpoint)
                case .failure(let error):
                    issues += error.reasons.map { FieldIssue(field: "DATABASE_READ_URL", reason: $0) }
                }
            }
        }
        let lagText = reader.string(forKey: "seguia.read.max.lag") ?? "5"
        let lagSeconds = Double(lagText.trimmingCharacters(in: .whitespaces)) ?? -1
        if !(lagSeconds > 0 && lagSeconds <= 3600) {
            issues.append(FieldIssue(field: "SEGUIA_READ_MAX_LAG", reason: "'\(lagText)' is not a number of seconds between 0 and 3600"))
        }

        let levelText = flags.logLevel ?? reader.string(forKey: "seguia.log.level") ?? "info"
        let logLevel = Logger.Level(rawValue: levelText.lowercased())
        if logLevel == nil {
            let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            issues.append(FieldIssue(field: "--log-level / SEGUIA_LOG_LEVEL", reason: "'\(levelText)' is not one of \(levels)"))
        }

        var mail: SMTPSettings?
        if let url = reader.string(forKey: "seguia.smtp.url", isSecret: true), !url.isEmpty {
            switch SMTPSettings.parse(
                url: url, from: reader.string(forKey: "seguia.mail.from"), publicURL: reader.string(forKey: "seguia.public.url"))
            {
            case .success(let settings): mail = settings
            case .failure(let error): issues += error.issues
            }
        }

        guard issues.isEmpty, let logLevel else { throw ConfigurationError(issues: issues) }
        return AppConfig(
            host: host, port: port, dataDirectory: dataDirectory, database: database, readDatabases: readDatabases,
            readMaximumLag: .milliseconds(Int64((lagSeconds * 1000).rounded())), migrateOnStart: flags.migrate,
            logLevel: logLevel, programSearchPath: environment["PATH"], mail: mail)
    }
}

/// Every configuration problem found, reported together so one fix-and-retry is enough.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var issues: [FieldIssue]

    public var description: String {
        "invalid configuration:\n" + issues.map { "  \($0.field): \($0.reason)" }.joined(separator: "\n")
    }
}
