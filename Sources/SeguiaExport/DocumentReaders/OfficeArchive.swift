import Foundation
import SeguiaCore
import ZIPFoundation

/// A Word or OpenDocument file opened as the ZIP archive it is, with limits that refuse
/// archives that would unpack to absurd sizes or hold absurd numbers of files (zip bombs).
struct OfficeArchive {
    /// Most files an archive may list.
    static let maximumEntries = 10_000
    /// Most bytes all its files may declare once unpacked.
    static let maximumUnpackedBytes: UInt64 = 1 << 30
    /// Most bytes one part that is read may unpack to, whatever it declares.
    static let maximumPartBytes = 128 << 20

    private let archive: Archive
    let paths: Set<String>

    init(_ data: Data, kind: String) throws {
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw DocumentReadError.unreadable("the \(kind) is damaged: it is not a readable ZIP archive")
        }
        var paths: Set<String> = []
        var unpacked: UInt64 = 0
        for entry in archive {
            paths.insert(entry.path)
            unpacked &+= entry.uncompressedSize
            guard paths.count <= Self.maximumEntries else {
                throw DocumentReadError.unreadable("the \(kind) holds more than \(Self.maximumEntries) files: refused")
            }
            guard unpacked <= Self.maximumUnpackedBytes else {
                throw DocumentReadError.unreadable("the \(kind) would unpack to more than 1 GiB: refused")
            }
        }
        guard !paths.isEmpty else { throw DocumentReadError.unreadable("the \(kind) is an empty archive") }
        self.paths = paths
    }

    /// The bytes of a part, or `nil` when the archive has no such part.
    func part(_ path: String, kind: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        do {
            // The XML readers refuse damaged text anyway; the checksum would only double the work.
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                data.append(chunk)
                // Declared sizes can lie; what is actually unpacked is counted too.
                if data.count > Self.maximumPartBytes { throw PartTooLarge() }
            }
        } catch is PartTooLarge {
            throw DocumentReadError.unreadable("the \(kind) has a part that unpacks to more than \(Self.maximumPartBytes >> 20) MiB: refused")
        } catch {
            throw DocumentReadError.unreadable("the \(kind) is damaged: its part \(path) cannot be unpacked")
        }
        return data
    }

    private struct PartTooLarge: Error {}
}
