import Foundation
import Logging
import PostgresNIO
@testable import SeguiaEmbeddedPostgres
import SeguiaStore
import SeguiaTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Each test starts its own cluster in its own directory, like `seguia serve` does.
@Suite(.serialized) struct EmbeddedPostgresTests {
    private func freshDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("seguia-embedded-\(UUID().uuidString.prefix(8))")
    }

    private func embedded(_ directory: URL) -> EmbeddedPostgres {
        EmbeddedPostgres(
            // The watchdog stops the cluster even if a test fails before its own stop.
            options: .init(
                dataDirectory: directory, searchPath: ProcessInfo.processInfo.environment["PATH"], durable: false,
                stopsWithProcess: true),
            logger: testLogger)
    }

    private func postmasterPID(_ directory: URL) throws -> Int32 {
        let text = try String(contentsOf: directory.appendingPathComponent("postgres/postmaster.pid"), encoding: .utf8)
        return try #require(Int32(text.split(separator: "\n")[0]))
    }

    private func isAlive(_ pid: Int32) -> Bool {
        isRunning(pid)
    }

    private func scalar(_ endpoint: DatabaseEndpoint, _ sql: String) async throws -> String? {
        try await withPostgresClient(endpoint, logger: testLogger) { client in
            let rows = try await client.query(PostgresQuery(unsafeSQL: sql), logger: testLogger)
            for try await value in rows.decode(String?.self) { return value }
            return nil
        }
    }

    @Test func firstStartRestartKeepsDataAndStopLeavesNoProcess() async throws {
        let directory = freshDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        // first start: a new cluster with the application database, UTF-8
        let first = embedded(directory)
        let cluster = try await first.start()
        #expect(cluster.isNew)
        #expect(!cluster.isGuest)
        #expect(cluster.endpoint.database == EmbeddedPostgres.databaseName)
        #expect(try await scalar(cluster.endpoint, "SHOW server_encoding") == "UTF8")
        #expect(try await scalar(cluster.endpoint, "SHOW listen_addresses") == "127.0.0.1")
        try await withPostgresClient(cluster.endpoint, logger: testLogger) { client in
            try await client.query("CREATE TABLE kept (note text)", logger: testLogger)
            try await client.query("INSERT INTO kept VALUES ('still here')", logger: testLogger)
        }
        let credentials = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("credentials").path)
        #expect((credentials[.posixPermissions] as? Int) == 0o600)

        // stop: the postmaster is gone
        let pid = try postmasterPID(directory)
        try await first.stop()
        #expect(!isAlive(pid))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("postgres/postmaster.pid").path))

        // restart: same data, not new
        let second = embedded(directory)
        let restarted = try await second.start()
        #expect(!restarted.isNew)
        #expect(try await scalar(restarted.endpoint, "SELECT note FROM kept") == "still here")
        try await second.stop()
    }

    @Test func recoversFromAStalePidFileAndAdoptsAnOrphanCluster() async throws {
        let directory = freshDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = embedded(directory)
        _ = try await first.start()
        let pid = try postmasterPID(directory)

        // A killed server leaves its cluster running: the next start adopts it.
        await first.abandon()
        let adopter = embedded(directory)
        let adopted = try await adopter.start()
        #expect(try postmasterPID(directory) == pid)
        #expect(try await scalar(adopted.endpoint, "SELECT 'ok'") == "ok")
        try await adopter.stop()
        #expect(!isAlive(pid))

        // A crash leaves postmaster.pid behind, naming a process that is gone (or is not PostgreSQL).
        let stale = "\(getpid())\n\(directory.path)/postgres\n0\n5432\n/tmp\n127.0.0.1\n0 0\nready\n"
        try stale.write(to: directory.appendingPathComponent("postgres/postmaster.pid"), atomically: true, encoding: .utf8)
        let recovering = embedded(directory)
        let recovered = try await recovering.start()
        #expect(try await scalar(recovered.endpoint, "SELECT 'recovered'") == "recovered")
        try await recovering.stop()
    }

    @Test func aSecondProcessJoinsTheOwnersClusterAndLeavesItRunning() async throws {
        let directory = freshDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let owner = embedded(directory)
        let ownerCluster = try await owner.start()

        let guest = embedded(directory)
        let guestCluster = try await guest.start()
        #expect(guestCluster.isGuest)
        #expect(guestCluster.endpoint.port == ownerCluster.endpoint.port)
        try await guest.stop()
        #expect(try await scalar(ownerCluster.endpoint, "SELECT 'owner still up'") == "owner still up")

        let pid = try postmasterPID(directory)
        try await owner.stop()
        #expect(!isAlive(pid))
    }

    @Test func missingBinariesSayWhatToInstallAndTheAlternatives() throws {
        #expect {
            try PostgresBinaries.locate(searchPath: "/nonexistent", libraryRoot: "/nonexistent/postgresql")
        } throws: { error in
            let message = String(describing: error)
            return message.contains("apt-get install postgresql") && message.contains("brew install postgresql@16")
                && message.contains("DATABASE_URL") && message.contains("docker compose up")
        }
    }

    @Test func aDataDirectoryThePostgresUserCannotReachIsReportedUpFront() throws {
        let root = freshDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let closed = root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try FileManager.default.createDirectory(at: closed, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let someoneElse = SystemUser(name: "someone", uid: getuid() &+ 4242, gid: getgid() &+ 4242, isSwitchingUser: true)
        #expect {
            try someoneElse.checkCanReach(closed.appendingPathComponent("project/.seguia").path)
        } throws: { error in
            String(describing: error).contains("--data-dir")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: closed.path)
        try someoneElse.checkCanReach(closed.appendingPathComponent("project/.seguia").path)
    }

    @Test func prefersTheSearchPathThenTheNewestInstalledVersion() throws {
        let root = freshDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for version in ["13", "16", "9.6"] {
            let bin = root.appendingPathComponent("lib/\(version)/bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            for program in ["initdb", "pg_ctl", "postgres"] {
                FileManager.default.createFile(atPath: bin.appendingPathComponent(program).path, contents: Data(), attributes: [.posixPermissions: 0o755])
            }
        }
        let newest = try PostgresBinaries.locate(searchPath: "/nonexistent", libraryRoot: root.appendingPathComponent("lib").path)
        #expect(newest.directory.hasSuffix("lib/16/bin"))
        let onPath = try PostgresBinaries.locate(
            searchPath: "/nonexistent:" + root.appendingPathComponent("lib/13/bin").path, libraryRoot: root.appendingPathComponent("lib").path)
        #expect(onPath.directory.hasSuffix("lib/13/bin"))
    }
}
