import Crypto
import Foundation

/// One numbered SQL file of `sql/`.
public struct Migration: Equatable, Sendable {
    public var version: Int
    public var name: String
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// SHA-256 of the file's text, hex-encoded: an applied migration must never change.
    public var checksum: String {
        Digest.sha256Hex(sql)
    }

    /// Reads every `NNNN_name.sql` file of a directory, ordered by version.
    public static func load(from directory: URL) throws -> [Migration] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
        var migrations: [Migration] = []
        for file in files {
            guard let migration = try parse(fileName: file, in: directory) else {
                throw MigrationError.badFileName(file)
            }
            migrations.append(migration)
        }
        migrations.sort { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw MigrationError.duplicateVersion(next.version)
        }
        return migrations
    }

    private static func parse(fileName: String, in directory: URL) throws -> Migration? {
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = String(stem[stem.index(after: underscore)...])
        guard digits.count == 4, let version = Int(digits), version > 0, !name.isEmpty else { return nil }
        let sql = try String(contentsOf: directory.appendingPathComponent(fileName), encoding: .utf8)
        return Migration(version: version, name: name, sql: sql)
    }
}

/// Why migrations could not be read or applied.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case badFileName(String)
    case duplicateVersion(Int)
    case checksumMismatch(version: Int, name: String)
    case unknownAppliedVersion(Int)
    case pending([Int])
    case failed(version: Int, name: String, statement: Int, reason: String)

    public var description: String {
        switch self {
        case .badFileName(let file):
            "migration file '\(file)' is not named NNNN_name.sql"
        case .duplicateVersion(let version):
            "two migration files have version \(version)"
        case .checksumMismatch(let version, let name):
            "migration \(version)_\(name) was changed after it was applied; add a new migration instead"
        case .unknownAppliedVersion(let version):
            "the database has migration \(version) applied, which this build does not know; is it older than the database?"
        case .pending(let versions):
            "\(versions.count) migration(s) pending (\(versions.map(String.init).joined(separator: ", "))); run `seguia migrate` or start with --migrate"
        case .failed(let version, let name, let statement, let reason):
            "migration \(version)_\(name) failed at statement \(statement): \(reason)"
        }
    }
}
