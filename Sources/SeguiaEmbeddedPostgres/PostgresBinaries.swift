import Foundation

/// The PostgreSQL server programs the embedded cluster needs.
public struct PostgresBinaries: Sendable, Equatable {
    /// Directory holding `initdb`, `pg_ctl` and `postgres`.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public var initdb: String { directory + "/initdb" }
    public var pgCtl: String { directory + "/pg_ctl" }
    public var postgres: String { directory + "/postgres" }

    static let required = ["initdb", "pg_ctl", "postgres"]

    /// Another program of the same installation (`pg_basebackup`): beside `pg_ctl`, or beside
    /// what it links to when `directory` holds links (`/usr/local/bin`).
    public func program(_ name: String) -> String {
        let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: pgCtl)).map { target in
            target.hasPrefix("/") ? target : directory + "/" + target
        }
        let candidates = [directory + "/" + name] + (resolved.map { [($0 as NSString).deletingLastPathComponent + "/" + name] } ?? [])
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }

    /// Looks on `searchPath` (a `PATH`-style list) first, then in the newest `<libraryRoot>/<version>/bin`.
    public static func locate(searchPath: String?, libraryRoot: String = "/usr/lib/postgresql") throws -> PostgresBinaries {
        let fileManager = FileManager.default
        func hasAll(_ directory: String) -> Bool {
            required.allSatisfy { fileManager.isExecutableFile(atPath: directory + "/" + $0) }
        }
        for directory in (searchPath ?? "").split(separator: ":").map(String.init) where hasAll(directory) {
            return PostgresBinaries(directory: directory)
        }
        let versions = (try? fileManager.contentsOfDirectory(atPath: libraryRoot)) ?? []
        let newestFirst = versions.compactMap { name in Double(name).map { (name, $0) } }.sorted { $0.1 > $1.1 }
        for (name, _) in newestFirst where hasAll("\(libraryRoot)/\(name)/bin") {
            return PostgresBinaries(directory: "\(libraryRoot)/\(name)/bin")
        }
        throw EmbeddedPostgresError.binariesNotFound(searched: (searchPath ?? "") + " and \(libraryRoot)/*/bin")
    }
}

/// Why the embedded cluster could not be started or reached.
public enum EmbeddedPostgresError: Error, CustomStringConvertible {
    case binariesNotFound(searched: String)
    case commandFailed(command: String, status: Int32, output: String)
    case noUnprivilegedUser
    case ownerDidNotStartCluster(dataDirectory: String)
    case badCredentialsFile(String)
    case unreachableDataDirectory(path: String, blockedBy: String, user: String)

    public var description: String {
        switch self {
        case .binariesNotFound(let searched):
            """
            PostgreSQL server programs (initdb, pg_ctl, postgres) were not found (searched \(searched)).
            Install PostgreSQL 15 or newer:
              Debian/Ubuntu: apt-get install postgresql
              macOS:         brew install postgresql@16
            Or use a server you already have: DATABASE_URL=postgres://user:password@host:5432/seguia seguia serve --migrate
            Or run everything in containers: docker compose up
            """
        case .commandFailed(let command, let status, let output):
            "\(command) exited with status \(status):\n\(output)"
        case .noUnprivilegedUser:
            "running as root, and neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL (it refuses root)"
        case .ownerDidNotStartCluster(let directory):
            "another seguia process holds \(directory) but its PostgreSQL did not become ready in time"
        case .unreachableDataDirectory(let path, let blockedBy, let user):
            """
            PostgreSQL runs as '\(user)' here (it refuses root), but '\(user)' cannot reach \(path): \(blockedBy) is closed to other users.
            Choose a data directory it can reach, e.g. --data-dir /var/lib/seguia, or run seguia as an unprivileged user.
            """
        case .badCredentialsFile(let path):
            "\(path) is unreadable or malformed; it holds the embedded cluster's password"
        }
    }
}
