import Foundation
import Logging
import SeguiaStore

/// A streaming replica of a running PostgreSQL server, kept in a directory of its own: copied
/// with `pg_basebackup -R` (which also writes how to follow the primary), then started in hot
/// standby on a free loopback port. For tests and for trying read replicas on one machine.
///
/// The primary's user must be allowed to replicate (the embedded cluster's superuser is).
public actor EmbeddedReplica {
    let primary: DatabaseEndpoint
    let dataDirectory: URL
    let searchPath: String?
    let logger: Logger
    /// Stops the replica and deletes its directory once this process has exited.
    let isThrowaway: Bool
    private var binaries: PostgresBinaries?

    public init(primary: DatabaseEndpoint, dataDirectory: URL, searchPath: String? = nil, isThrowaway: Bool = true, logger: Logger) {
        self.primary = primary
        self.dataDirectory = dataDirectory.standardizedFileURL
        self.searchPath = searchPath
        self.isThrowaway = isThrowaway
        self.logger = logger
    }

    var clusterDirectory: String { dataDirectory.appendingPathComponent("postgres").path }
    var runDirectory: String { dataDirectory.appendingPathComponent("run").path }

    /// Copies the primary and starts following it; returns the replica's endpoint (same user,
    /// password and database as the primary's).
    public func start() async throws -> DatabaseEndpoint {
        let binaries = try PostgresBinaries.locate(searchPath: searchPath)
        self.binaries = binaries
        let runner = try SystemUser.runnerForPostgres()
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        if runner.isSwitchingUser { try runner.checkCanReach(dataDirectory.path) }
        try runner.makeOwnedDirectory(runDirectory)
        try runner.makeOwnedDirectory(clusterDirectory)

        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'" }
        var connection = "host=\(quoted(primary.host)) port=\(primary.port) user=\(quoted(primary.username)) dbname=postgres"
        if let password = primary.password { connection += " password=\(quoted(password))" }
        let backup = try await runner.run(
            binaries.program("pg_basebackup"), ["-d", connection, "-D", clusterDirectory, "-R", "-X", "stream", "-c", "fast"],
            in: dataDirectory.path)
        guard backup.status == 0 else {
            throw EmbeddedPostgresError.commandFailed(command: "pg_basebackup", status: backup.status, output: backup.text)
        }
        let port = try FreePort.find()
        // The copy holds the primary's settings (a standby needs max_connections and the like at
        // least as high): kept, with the replica's own address after them, which win.
        let copied = (try? String(contentsOfFile: clusterDirectory + "/seguia.conf", encoding: .utf8)) ?? ""
        let settings = [copied,
            "listen_addresses = '127.0.0.1'", "port = \(port)", "unix_socket_directories = \(quoted(runDirectory))",
            "unix_socket_permissions = 0700", "hot_standby = on",
        ]
        try runner.writeOwnedFile(clusterDirectory + "/seguia.conf", contents: settings.joined(separator: "\n") + "\n")
        let logPath = runDirectory + "/server.log"
        let started = try await runner.run(
            binaries.pgCtl, ["start", "-D", clusterDirectory, "-l", logPath, "-w", "-t", "60"], in: dataDirectory.path)
        guard started.status == 0 else {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw EmbeddedPostgresError.commandFailed(command: "pg_ctl start (replica)", status: started.status, output: started.text + "\n" + log.suffix(2000))
        }
        if isThrowaway {
            try runner.spawnWatchdog(
                parentPID: getpid(), command: [binaries.pgCtl, "stop", "-D", clusterDirectory, "-m", "immediate"], removing: dataDirectory.path)
        }
        logger.info("replica started", metadata: ["port": "\(port)", "dir": "\(clusterDirectory)"])
        var endpoint = primary
        endpoint.host = "127.0.0.1"
        endpoint.port = port
        endpoint.unixSocketPath = nil
        return endpoint
    }

    /// Stops the replica (fast shutdown); its directory stays until the process exits.
    public func stop() async throws {
        guard let binaries else { return }
        let runner = try SystemUser.runnerForPostgres()
        let output = try await runner.run(binaries.pgCtl, ["stop", "-D", clusterDirectory, "-m", "fast", "-w", "-t", "60"], in: dataDirectory.path)
        guard output.status == 0 else {
            throw EmbeddedPostgresError.commandFailed(command: "pg_ctl stop (replica)", status: output.status, output: output.text)
        }
    }
}
