import Foundation
import Logging
import PostgresNIO
import SeguiaStore

/// A private PostgreSQL cluster kept inside Seguia's data directory.
///
/// The first process to open a data directory becomes its owner: it initialises the cluster
/// if needed, starts it (or adopts one left running by a killed process) and stops it on
/// `stop()`. Any other process opening the same directory meanwhile is a guest: it connects
/// to the owner's cluster and leaves it running.
public actor EmbeddedPostgres {
    public struct Options: Sendable {
        public var dataDirectory: URL
        /// `PATH`-style list searched for the server programs before `/usr/lib/postgresql`.
        public var searchPath: String?
        /// Where the versioned PostgreSQL installations live.
        public var libraryRoot: String
        /// `false` turns off fsync and friends: for throwaway test clusters only.
        public var durable: Bool
        /// Stops the cluster by itself once this process has exited, even if it was killed.
        public var stopsWithProcess: Bool
        /// With `stopsWithProcess`: also deletes the data directory then. For throwaway clusters.
        public var removesDataWithProcess: Bool
        /// PostgreSQL's `max_connections`.
        public var maximumConnections: Int

        public init(
            dataDirectory: URL,
            searchPath: String? = nil,
            libraryRoot: String = "/usr/lib/postgresql",
            durable: Bool = true,
            stopsWithProcess: Bool = false,
            removesDataWithProcess: Bool = false,
            maximumConnections: Int = 100
        ) {
            self.dataDirectory = dataDirectory
            self.searchPath = searchPath
            self.libraryRoot = libraryRoot
            self.durable = durable
            self.stopsWithProcess = stopsWithProcess
            self.removesDataWithProcess = removesDataWithProcess
            self.maximumConnections = maximumConnections
        }
    }

    /// What `start()` found and did.
    public struct Cluster: Sendable {
        /// The application database on the cluster.
        public var endpoint: DatabaseEndpoint
        /// `true` when this start ran `initdb`: the database is empty.
        public var isNew: Bool
        /// `true` when another live process owns the cluster and will stop it.
        public var isGuest: Bool
    }

    public static let databaseName = "seguia"
    static let superuser = "seguia"

    let options: Options
    let logger: Logger
    private var ownerLock: OwnerLock?
    private var binaries: PostgresBinaries?

    public init(options: Options, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    var dataDirectory: URL { options.dataDirectory.standardizedFileURL }
    var clusterDirectory: String { dataDirectory.appendingPathComponent("postgres").path }
    var runDirectory: String { dataDirectory.appendingPathComponent("run").path }
    var credentialsPath: String { dataDirectory.appendingPathComponent("credentials").path }
    var logPath: String { runDirectory + "/server.log" }

    /// Directory for the unix socket: inside the data directory unless that path is too long for a socket.
    var socketDirectory: String {
        let candidate = runDirectory
        // sun_path holds 107 bytes; ".s.PGSQL.65535" takes 15 of them.
        if candidate.utf8.count + 16 < 107 { return candidate }
        return "/tmp/seguia-" + String(UInt32(truncatingIfNeeded: candidate.hashValueStable), radix: 16)
    }

    /// Brings the cluster up (or finds the owner's) and makes sure the application database exists.
    public func start() async throws -> Cluster {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        guard let lock = try OwnerLock.acquire(path: dataDirectory.appendingPathComponent("owner.lock").path) else {
            return try await joinOwner()
        }
        ownerLock = lock
        do {
            return try await startAsOwner()
        } catch {
            ownerLock = nil
            throw error
        }
    }

    /// Stops the cluster if this process owns it; a guest leaves it to its owner.
    public func stop() async throws {
        guard ownerLock != nil, let binaries else { return }
        defer { ownerLock = nil }
        let runner = try SystemUser.runnerForPostgres()
        let postmaster = ClusterProcessState.postmasterPID(clusterDirectory: clusterDirectory)
        let output = try await runner.run(binaries.pgCtl, ["stop", "-D", clusterDirectory, "-m", "fast", "-w", "-t", "60"], in: dataDirectory.path)
        if output.status != 0, case .running = ClusterProcessState.read(clusterDirectory: clusterDirectory) {
            throw EmbeddedPostgresError.commandFailed(command: "pg_ctl stop", status: output.status, output: output.text)
        }
        // pg_ctl returns once postmaster.pid is gone, a moment before the postmaster itself exits.
        if let postmaster {
            for _ in 0..<200 where isRunning(postmaster) {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        logger.info("embedded PostgreSQL stopped", metadata: ["data_dir": "\(dataDirectory.path)"])
    }

    /// Gives up ownership without stopping the cluster, as a process that is killed would.
    public func abandon() {
        ownerLock = nil
    }

    private func startAsOwner() async throws -> Cluster {
        let binaries = try PostgresBinaries.locate(searchPath: options.searchPath, libraryRoot: options.libraryRoot)
        self.binaries = binaries
        let runner = try SystemUser.runnerForPostgres()
        if runner.isSwitchingUser {
            logger.notice("running PostgreSQL as user '\(runner.name)': initdb and postgres refuse to run as root")
            try runner.checkCanReach(dataDirectory.path)
        }
        let isNew = !FileManager.default.fileExists(atPath: clusterDirectory + "/PG_VERSION")
        if isNew {
            try await initialise(binaries: binaries, runner: runner)
        }
        let credentials = try Credentials.read(path: credentialsPath)

        var port: Int
        switch ClusterProcessState.read(clusterDirectory: clusterDirectory) {
        case .running(let runningPort):
            logger.warning("adopting a PostgreSQL cluster left running by a previous process", metadata: ["port": "\(runningPort)"])
            port = runningPort
        case .stale(let pid):
            logger.warning("removing stale postmaster.pid of a process that is gone", metadata: ["pid": "\(pid)"])
            try FileManager.default.removeItem(atPath: clusterDirectory + "/postmaster.pid")
            port = try await launch(binaries: binaries, runner: runner)
        case .stopped:
            port = try await launch(binaries: binaries, runner: runner)
        }
        if options.stopsWithProcess {
            try runner.spawnWatchdog(
                parentPID: getpid(), command: [binaries.pgCtl, "stop", "-D", clusterDirectory, "-m", "immediate"],
                removing: options.removesDataWithProcess ? dataDirectory.path : nil)
        }
        let endpoint = DatabaseEndpoint(
            host: "127.0.0.1", port: port, username: credentials.username, password: credentials.password,
            database: Self.databaseName, tls: .disable)
        try await createDatabaseIfMissing(endpoint)
        logger.info("embedded PostgreSQL ready", metadata: ["data_dir": "\(dataDirectory.path)", "port": "\(port)"])
        return Cluster(endpoint: endpoint, isNew: isNew, isGuest: false)
    }

    private func joinOwner() async throws -> Cluster {
        let credentials = try Credentials.read(path: credentialsPath)
        for _ in 0..<120 {
            if case .running(let port) = ClusterProcessState.read(clusterDirectory: clusterDirectory) {
                logger.info("using the PostgreSQL cluster of the seguia process that holds this data directory", metadata: ["port": "\(port)"])
                let endpoint = DatabaseEndpoint(
                    host: "127.0.0.1", port: port, username: credentials.username, password: credentials.password,
                    database: Self.databaseName, tls: .disable)
                return Cluster(endpoint: endpoint, isNew: false, isGuest: true)
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw EmbeddedPostgresError.ownerDidNotStartCluster(dataDirectory: dataDirectory.path)
    }

    private func initialise(binaries: PostgresBinaries, runner: SystemUser) async throws {
        let fileManager = FileManager.default
        // A cluster directory without PG_VERSION is what an interrupted initdb leaves: start over.
        if fileManager.fileExists(atPath: clusterDirectory) { try fileManager.removeItem(atPath: clusterDirectory) }
        try runner.makeOwnedDirectory(runDirectory)
        try runner.makeOwnedDirectory(clusterDirectory)

        let credentials = Credentials(username: Self.superuser, password: Credentials.randomPassword())
        try credentials.write(path: credentialsPath)
        let passwordFile = runDirectory + "/initdb.pw"
        try runner.writeOwnedFile(passwordFile, contents: credentials.password + "\n")
        defer { try? fileManager.removeItem(atPath: passwordFile) }

        var arguments = [
            "-D", clusterDirectory, "-U", credentials.username, "--pwfile=\(passwordFile)",
            "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=\(await Self.bestLocale())",
        ]
        if !options.durable { arguments.append("--no-sync") }
        logger.info("initialising embedded PostgreSQL cluster", metadata: ["dir": "\(clusterDirectory)"])
        let output = try await runner.run(binaries.initdb, arguments, in: dataDirectory.path)
        guard output.status == 0 else {
            throw EmbeddedPostgresError.commandFailed(command: "initdb", status: output.status, output: output.text)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: clusterDirectory + "/postgresql.conf"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n# Seguia writes its settings for each start here.\ninclude_if_exists = 'seguia.conf'\n".utf8))
        try handle.close()
    }

    /// Starts `postgres` on a free loopback port and returns the port.
    private func launch(binaries: PostgresBinaries, runner: SystemUser) async throws -> Int {
        try runner.makeOwnedDirectory(runDirectory)
        if socketDirectory != runDirectory { try runner.makeOwnedDirectory(socketDirectory) }
        var lastOutput = ProcessRunner.Output(status: 0, text: "")
        for _ in 0..<3 {
            let port = try FreePort.find()
            try runner.writeOwnedFile(clusterDirectory + "/seguia.conf", contents: runtimeSettings(port: port))
            lastOutput = try await runner.run(
                binaries.pgCtl, ["start", "-D", clusterDirectory, "-l", logPath, "-w", "-t", "60"], in: dataDirectory.path)
            if lastOutput.status == 0 { return port }
            // Another program may have taken the port between our probe and the bind: try another.
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            guard log.contains("Address already in use") else { break }
        }
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        throw EmbeddedPostgresError.commandFailed(
            command: "pg_ctl start", status: lastOutput.status, output: lastOutput.text + "\n" + log.suffix(2000))
    }

    private func runtimeSettings(port: Int) -> String {
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        var lines = [
            "listen_addresses = '127.0.0.1'",
            "port = \(port)",
            "unix_socket_directories = \(quoted(socketDirectory))",
            "unix_socket_permissions = 0700",
            "max_connections = \(options.maximumConnections)",
        ]
        if !options.durable {
            // full_page_writes stays on: the tests copy this cluster into a streaming replica,
            // and an index whose log leans on whole-page images (an extension's generic records,
            // say) would leave the replica replaying changes to pages it never had.
            lines += ["fsync = off", "synchronous_commit = off"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func createDatabaseIfMissing(_ endpoint: DatabaseEndpoint) async throws {
        try await withPostgresClient(endpoint.with(database: "postgres"), logger: logger) { client in
            let rows = try await client.query("SELECT 1 FROM pg_database WHERE datname = \(Self.databaseName)", logger: logger)
            var exists = false
            for try await _ in rows { exists = true }
            if !exists {
                try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(Self.databaseName)"), logger: logger)
            }
        }
    }

    /// `C.UTF-8` when the C library has it, else plain `C` (the encoding stays UTF-8 either way).
    static func bestLocale() async -> String {
        guard let output = try? await ProcessRunner.run("/usr/bin/env", ["locale", "-a"]), output.status == 0 else { return "C" }
        let locales = output.text.lowercased().split(whereSeparator: \.isNewline)
        return locales.contains("c.utf8") || locales.contains("c.utf-8") ? "C.UTF-8" : "C"
    }
}

extension String {
    /// FNV-1a: stable across runs, unlike `hashValue`.
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
