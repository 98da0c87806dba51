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

    /// A relay makes notifications go out by mail; without one they stay in the application.
    @Test func mailIsConfiguredOnlyWithARelayAndAFromAddress() throws {
        #expect(try AppConfig.resolve(flags: .init(), environment: [:], workingDirectory: cwd).mail == nil)
        let environment = [
            "SEGUIA_SMTP_URL": "smtp://seguia:s%40cret@mail.example.org", "SEGUIA_MAIL_FROM": "seguia@example.org",
            "SEGUIA_PUBLIC_URL": "https://seguia.example.org",
        ]
        let mail = try #require(try AppConfig.resolve(flags: .init(), environment: environment, workingDirectory: cwd).mail)
        #expect(mail.host == "mail.example.org" && mail.port == 587 && mail.security == .startTLS)
        #expect(mail.username == "seguia" && mail.password == "s@cret")
        #expect {
            try AppConfig.resolve(flags: .init(), environment: ["SEGUIA_SMTP_URL": "smtp+plain://u:secret@relay.example.org"], workingDirectory: cwd)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return Set(error.issues.map(\.field)) == ["SEGUIA_SMTP_URL", "SEGUIA_MAIL_FROM", "SEGUIA_PUBLIC_URL"] && !error.description.contains("secret")
        }
    }
}
