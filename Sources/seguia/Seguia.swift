import ArgumentParser
import Foundation
import Logging
import SeguiaServer

@main
struct Seguia: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seguia",
        abstract: "Seguia: practices and indicators of integrated water resource management, compared across territories.",
        subcommands: [Serve.self, Migrate.self, Seed.self, Token.self, User.self, Import.self, Export.self, Documents.self, People.self],
        defaultSubcommand: Serve.self
    )
}

/// Options every subcommand shares; each has an environment equivalent.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Directory of the embedded PostgreSQL cluster (env SEGUIA_DATA_DIR, default ./.seguia).")
    var dataDirectory: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env SEGUIA_LOG_LEVEL).")
    var logLevel: String?

    /// Resolves the configuration, printing every bad key and exiting when any is wrong.
    func resolve(host: String? = nil, port: String? = nil, migrate: Bool = false) throws -> AppConfig {
        let flags = AppConfig.Flags(host: host, port: port, dataDirectory: dataDirectory, migrate: migrate, logLevel: logLevel)
        do {
            let config = try AppConfig.resolve(
                flags: flags, environment: ProcessInfo.processInfo.environment,
                workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            bootstrapLogging(level: config.logLevel)
            return config
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("seguia: " + message + "\n").utf8))
}

func bootstrapLogging(level: Logger.Level) {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}

/// Runs `body`, turning any failure into a message on stderr and exit status 1.
func runReportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        printError(String(describing: error))
        throw ExitCode.failure
    }
}
