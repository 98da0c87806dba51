import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The superuser name and password of an embedded cluster, known only to its data directory.
struct Credentials: Codable {
    var username: String
    var password: String

    static func randomPassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(UInt8.random(in: 0...15, using: &generator), radix: 16) }.joined()
    }

    static func read(path: String) throws -> Credentials {
        guard let data = FileManager.default.contents(atPath: path),
            let credentials = try? JSONDecoder().decode(Credentials.self, from: data)
        else { throw EmbeddedPostgresError.badCredentialsFile(path) }
        return credentials
    }

    func write(path: String) throws {
        let data = try JSONEncoder().encode(self)
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw EmbeddedPostgresError.badCredentialsFile(path)
        }
    }
}
