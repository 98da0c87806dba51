import Foundation
import Hummingbird

/// An upload written to a temporary file as it arrives, then read back at disk speed.
///
/// A value file can be large and its client slow: reading it straight into the import would
/// hold a pooled connection, and an open transaction, for the whole transfer, and a few slow
/// clients would take the pool. Spooled first, the file needs a connection only while it is
/// checked and written.
final class UploadSpool: Sendable {
    let url: URL
    let byteCount: Int

    private init(url: URL, byteCount: Int) {
        self.url = url
        self.byteCount = byteCount
    }

    /// Writes every chunk of `body` to a new temporary file; the file is removed if this throws.
    static func spool<Body: AsyncSequence>(_ body: Body, directory: URL = FileManager.default.temporaryDirectory) async throws -> UploadSpool
    where Body.Element == ByteBuffer {
        let url = directory.appendingPathComponent("seguia-upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw UploadSpoolError(description: "cannot create \(url.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            var written = 0
            for try await chunk in body {
                try handle.write(contentsOf: chunk.readableBytesView)
                written += chunk.readableBytes
            }
            return UploadSpool(url: url, byteCount: written)
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    /// The file's bytes in chunks of `chunkSize`.
    func chunks(of chunkSize: Int = 256 * 1024) -> Chunks {
        Chunks(url: url, chunkSize: chunkSize)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    struct Chunks: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let url: URL
        let chunkSize: Int

        struct AsyncIterator: AsyncIteratorProtocol {
            let handle: FileHandle?
            let chunkSize: Int

            mutating func next() async throws -> ByteBuffer? {
                guard let handle else { throw UploadSpoolError(description: "the spooled upload cannot be read") }
                guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else {
                    try? handle.close()
                    return nil
                }
                return ByteBuffer(bytes: data)
            }
        }

        func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(handle: try? FileHandle(forReadingFrom: url), chunkSize: chunkSize)
        }
    }
}

struct UploadSpoolError: Error, CustomStringConvertible {
    var description: String
}
