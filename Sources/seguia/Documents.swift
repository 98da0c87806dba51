import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import SeguiaCore
import SeguiaServer
import SeguiaStore

/// `seguia documents import|export`: a shared drive's folder brought in, or written back out.
struct Documents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring a shared-drive folder of documents in, or write the documents back out as folders.",
        subcommands: [ImportFolder.self, ExportFolder.self])

    struct ImportFolder: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add every file of a folder and its subfolders (or one file) as documents: subfolders become tags, files already in Seguia are skipped.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The folder, as copied from the shared drive, or one file.") var folder: String
        @Option(help: "The organisation the documents belong to (its code).") var organisation: String?
        @Option(help: "public, partners (the default) or private.") var confidentiality: String = "partners"
        @Option(help: "Link every document to this agreement (its code).") var agreement: String?
        @Option(help: "Link every document to this practice (its slug).") var practice: String?
        @Option(help: "Link every document to this territory (its code).") var territory: String?
        @Flag(help: "Say what would be added, adding nothing.") var dryRun = false

        func run() async throws {
            let config = try common.resolve()
            let logger = Logger(label: "seguia")
            guard let confidentiality = Confidentiality(rawValue: confidentiality) else {
                throw ValidationError("--confidentiality is public, partners or private")
            }
            let root = URL(fileURLWithPath: folder).standardizedFileURL
            guard FileManager.default.fileExists(atPath: root.path) else { throw ValidationError("\(folder) is neither a folder nor a file") }
            try requireExistingData(config)
            try await withDocumentStore(config: config, logger: logger) { database in
                let importer = FolderImporter(
                    writer: DocumentWriter(database: database), upload: DocumentUpload(reader: PracticeDocumentReader(programSearchPath: config.programSearchPath)),
                    author: Identity(tokenID: 0, name: "cli:\(ProcessInfo.processInfo.userName)", role: .admin, organisation: organisation?.uppercased()),
                    confidentiality: confidentiality,
                    links: DocumentLinks(
                        practices: practice.map { [$0] } ?? [], agreements: agreement.map { [$0.uppercased()] } ?? [],
                        territories: territory.map { [$0] } ?? []),
                    dryRun: dryRun, logger: logger)
                let summary = try await importer.run(root) { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
                print(summary.description)
                if summary.failed > 0 { throw ExitCode.failure }
            }
        }
    }

    struct ExportFolder: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write every document into a folder, in subfolders after their tags (or kinds), with an index.csv of what each file is.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The folder to write into (made when missing; files already there are not overwritten).") var folder: String

        func run() async throws {
            let config = try common.resolve()
            let logger = Logger(label: "seguia")
            try requireExistingData(config)
            try await withDocumentStore(config: config, logger: logger) { database in
                let count = try await FolderExporter(repository: DocumentRepository(database: database), logger: logger)
                    .run(URL(fileURLWithPath: folder).standardizedFileURL) { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
                print("\(count) documents written to \(folder)")
            }
        }
    }
}

private func withDocumentStore(config: AppConfig, logger: Logger, _ body: (Database) async throws -> Void) async throws {
    try await runReportingErrors {
        try await withProvisionedDatabase(config: config, logger: logger) { (database: ProvisionedDatabase) in
            try await DatabaseProvisioner.prepareSchema(database, config: config, logger: logger)
            try await withPostgresClient(database.endpoint, logger: logger) { client in
                try await body(Database(client: client, maximumConnections: 4))
            }
        }
    }
}
