import Crypto
import Foundation

/// Digests stored as text: migration checksums, token hashes.
enum Digest {
    /// SHA-256 of the UTF-8 bytes, in lower-case hexadecimal.
    static func sha256Hex(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// Bytes in lower-case hexadecimal.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
