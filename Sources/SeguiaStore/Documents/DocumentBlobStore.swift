import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// The bytes of documents, in chunks of bytea keyed by the file's SHA-256: a file stored twice
/// is one blob. Writing and reading go a chunk at a time, so memory stays flat whatever the
/// file's size.
enum DocumentBlobStore {
    /// Chunk size: large enough for few rows, small enough for a flat memory.
    static let chunkSize = 1 << 20

    /// The blob holding `file` (whose SHA-256 is `sha256`), stored now unless it is already;
    /// inside the caller's transaction. Returns its id and whether it was there before.
    static func store(
        _ file: FileSlice, sha256: [UInt8], connection: PostgresConnection, logger: Logger
    ) async throws -> (id: Int64, existed: Bool) {
        let hash = ByteBuffer(bytes: sha256)
        // Two uploads of one new file at once: the second waits for the first's transaction.
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\("document_blob:" + Digest.hex(sha256))))", logger: logger)
        let found = try await connection.run("SELECT blob_id FROM document_blobs WHERE sha256 = \(hash)", logger: logger)
        for try await id in found.decode(Int64.self) { return (id, true) }
        let rows = try await connection.run(
            """
            INSERT INTO document_blobs (sha256, byte_count, chunk_size) VALUES (\(hash), \(Int64(file.length)), \(chunkSize))
            RETURNING blob_id
            """, logger: logger)
        var id: Int64 = 0
        for try await value in rows.decode(Int64.self) { id = value }
        var number = 0
        try await file.forEachChunk(size: chunkSize) { bytes in
            try await connection.run(
                "INSERT INTO document_blob_chunks (blob_id, chunk_number, bytes) VALUES (\(id), \(number), \(ByteBuffer(bytes: bytes)))",
                logger: logger)
            number += 1
        }
        return (id, false)
    }

    /// Removes the blob when no document uses it any more.
    static func dropIfUnused(_ id: Int64, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run(
            "DELETE FROM document_blobs b WHERE b.blob_id = \(id) AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.blob_id = b.blob_id)",
            logger: logger)
    }
}
