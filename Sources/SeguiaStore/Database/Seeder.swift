import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Loads the reference data of `seed/`: every file in name order, all in one transaction.
/// `.sql` files run as they are; `.csv` files are indicator values in the long import format.
///
/// Seed files upsert on their natural keys, so loading them again changes nothing but the
/// rows whose seed text changed.
public struct Seeder: Sendable {
    public var directory: URL

    public init(directory: URL = StoreResources.seedDirectory) {
        self.directory = directory
    }

    /// Names of the seed files loaded.
    @discardableResult
    public func seed(client: PostgresClient, logger: Logger) async throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") || $0.hasSuffix(".csv") }
            .sorted()
        let scripts = try files.map { file in
            (file, try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
        }
        try await client.withConnection { pooled in
            try await pooled.inTransaction(logger: logger) { connection in
                for (file, script) in scripts {
                    if file.hasSuffix(".csv") {
                        // Indicator values in the long import format, checked like any import; stored values are kept.
                        do {
                            _ = try await ValueImporter.importCSV(
                                AsyncStream { $0.yield(ByteBuffer(string: script)); $0.finish() },
                                options: .init(author: "seed", mode: .insertOnly), connection: connection, logger: logger)
                        } catch let failure as ImportFailure {
                            throw SeedError(file: file, reason: failure.issues.prefix(5).map { "line \($0.line) \($0.column ?? ""): \($0.message)" }.joined(separator: "; "))
                        }
                        continue
                    }
                    for statement in SQLStatementSplitter.split(script) {
                        do {
                            try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                        } catch let error as PSQLError {
                            throw SeedError(file: file, reason: error.serverInfo?[.message] ?? String(reflecting: error))
                        }
                    }
                }
            }
        }
        logger.info("seed loaded", metadata: ["files": "\(files.joined(separator: ", "))"])
        return files
    }
}

/// A seed file that PostgreSQL rejected.
public struct SeedError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String

    public var description: String { "seed file \(file) failed: \(reason)" }
}
