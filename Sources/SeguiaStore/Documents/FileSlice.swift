import Crypto
import Foundation

/// Bytes of a file on disk, from `offset` for `length` bytes: an upload spooled to a temporary
/// file (its file part), or a file of a folder being brought in. Read in chunks, never whole.
public struct FileSlice: Sendable {
    public var url: URL
    public var offset: Int
    public var length: Int

    public init(url: URL, offset: Int = 0, length: Int) {
        self.url = url
        self.offset = offset
        self.length = length
    }

    /// The whole file at `url`.
    public init(wholeFileAt url: URL) throws {
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        self.init(url: url, length: size)
    }

    /// Calls `body` with each chunk of at most `size` bytes, in order.
    public func forEachChunk(size: Int, _ body: ([UInt8]) async throws -> Void) async throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        var remaining = length
        while remaining > 0 {
            guard let data = try handle.read(upToCount: min(size, remaining)), !data.isEmpty else {
                throw StoreError(description: "\(url.lastPathComponent) ended before its \(length) bytes")
            }
            remaining -= data.count
            try await body([UInt8](data))
        }
    }

    /// The first `count` bytes (fewer when the slice is shorter).
    public func prefix(_ count: Int) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        return [UInt8](try handle.read(upToCount: min(count, length)) ?? Data())
    }

    public func sha256() async throws -> [UInt8] {
        var hasher = SHA256()
        try await forEachChunk(size: 1 << 20) { hasher.update(data: $0) }
        return Array(hasher.finalize())
    }
}
