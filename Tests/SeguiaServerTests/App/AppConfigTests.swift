import Foundation
import SeguiaServer
import Testing

@Suite struct AppConfigTests {
    let cwd = URL(fileURLWithPath: "/srv/seguia")

    @Test func defaultsToLoopbackAndTheEmbeddedDatabase() throws {
        let config = try AppConfig.resolve(flags: .init(), environment: [:], workingDirectory: cwd)
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.dataDirectory.path == "/srv/seguia/.seguia")
        #expect(config.database == nil)
        #expect(!config.migrateOnStart)
    }

    @Test func environmentThenFlagsOverride() throws {
        let environment = [
            "SEGUIA_HOST": "0.0.0.0", "SEGUIA_PORT": "9000", "SEGUIA_DATA_DIR": "/var/lib/seguia",
            "DATABASE_URL": "postgres://app:secret@db:5432/seguia",
        ]
        let fromEnvironment = try AppConfig.resolve(flags: .init(), environment: environment, workingDirectory: cwd)
        #expect(fromEnvironment.host == "0.0.0.0")
        #expect(fromEnvironment.port == 9000)
        #expect(fromEnvironment.dataDirectory.path == "/var/lib/seguia")
        #expect(fromEnvironment.database?.host == "db")

        let fromFlags = try AppConfig.resolve(
            flags: .init(host: "127.0.0.2", port: "8181", dataDirectory: "data", migrate: true), environment: environment,
            workingDirectory: cwd)
        #expect(fromFlags.host == "127.0.0.2")
        #expect(fromFlags.port == 8181)
        #expect(fromFlags.dataDirectory.path == "/srv/seguia/data")
        #expect(fromFlags.migrateOnStart)
    }

    @Test func listsEveryBadKeyInOneError() {
        let environment = ["SEGUIA_PORT": "eighty", "DATABASE_URL": "mysql://nowhere", "SEGUIA_LOG_LEVEL": "loud"]
        #expect {
            try AppConfig.resolve(flags: .init(host: " "), environment: environment, workingDirectory: cwd)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            let fields = Set(error.issues.map(\.field))
            return fields == ["--host / SEGUIA_HOST", "--port / SEGUIA_PORT", "DATABASE_URL", "--log-level / SEGUIA_LOG_LEVEL"]
                && !error.description.contains("secret")
        }
    }
}
