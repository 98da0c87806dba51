import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import SeguiaCore
import SeguiaServer
import SeguiaStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import documents and data into Seguia.", subcommands: [PracticeDocument.self, Values.self])

    struct PracticeDocument: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "practice",
            abstract: "Read a capitalisation sheet (text, Markdown, Word .docx, OpenDocument .odt or PDF) and print the structured draft as JSON; --save stores it as a draft.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The document: plain text or Markdown (UTF-8 or UTF-16), .docx, .odt or PDF; the format is read from its content.")
        var file: String
        @Flag(help: "Store the draft (author: the command line, with the administrator's rights).") var save = false

        func run() async throws {
            let config = try common.resolve()
            let logger = Logger(label: "seguia")
            try await runReportingErrors {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ValidationError("cannot read \(file)")
                }
                guard data.count <= PracticeDocumentReader.maximumBytes else {
                    throw ValidationError("\(file) is larger than \(PracticeDocumentReader.maximumBytes >> 20) MiB")
                }
                try await withProvisionedDatabase(config: config, logger: logger) { (database: ProvisionedDatabase) in
                    try await DatabaseProvisioner.prepareSchema(database, config: config, logger: logger)
                    try await withPostgresClient(database.endpoint, logger: logger) { client in
                        let importer = PracticeImporter(
                            database: Database(client: client, maximumConnections: 4),
                            reader: PracticeDocumentReader(programSearchPath: config.programSearchPath))
                        let author = save ? Identity(tokenID: 0, name: "cli:\(ProcessInfo.processInfo.userName)", role: .admin, organisation: nil) : nil
                        let json: Data
                        let id: Int64?
                        do {
                            (json, id) = try await importer.importDocument([UInt8](data), savingAs: author, logger: logger)
                        } catch let error as DocumentReadError {
                            printError("\(file): \(error)")
                            throw ExitCode.failure
                        }
                        FileHandle.standardOutput.write(json)
                        print("")
                        if let id { FileHandle.standardError.write(Data("saved as draft practice \(id)\n".utf8)) }
                    }
                }
            }
        }
    }

    struct Values: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import indicator values from a CSV file in the long format (all or nothing).")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The CSV file: indicator,territory,period,value[,disaggregation,unit,source,quality,note,vintage].") var file: String
        @Flag(help: "Check the file and report what would change, writing nothing.") var dryRun = false
        @Option(help: "Source for rows that have none.") var source: String?
        @Option(help: "The release the values come from (e.g. SDG-2023): values of different vintages are kept apart.") var vintage: String?

        func run() async throws {
            let config = try common.resolve()
            let logger = Logger(label: "seguia")
            try await runReportingErrors {
                guard let handle = FileHandle(forReadingAtPath: file) else { throw ValidationError("cannot read \(file)") }
                defer { try? handle.close() }
                // Read in blocks as the import asks for them: a file of any size, in flat memory.
                let chunks = AsyncThrowingStream<ByteBuffer, any Error> {
                    guard let data = try handle.read(upToCount: 1 << 20), !data.isEmpty else { return nil }
                    return ByteBuffer(bytes: data)
                }
                try await withProvisionedDatabase(config: config, logger: logger) { (database: ProvisionedDatabase) in
                    try await DatabaseProvisioner.prepareSchema(database, config: config, logger: logger)
                    try await withPostgresClient(database.endpoint, logger: logger) { client in
                        let importer = ValueImporter(database: Database(client: client, maximumConnections: 4))
                        do {
                            let outcome = try await importer.importCSV(
                                chunks,
                                options: .init(
                                    defaults: ValueFileDefaults(source: source, vintage: vintage ?? ""),
                                    author: "cli:\(ProcessInfo.processInfo.userName)", dryRun: dryRun),
                                logger: logger)
                            print("\(outcome.format): rows \(outcome.rows), skipped \(outcome.skipped), inserted \(outcome.inserted), updated \(outcome.updated), unchanged \(outcome.unchanged)"
                                + (dryRun ? " (dry run: nothing written)" : ""))
                        } catch let failure as ImportFailure {
                            for issue in failure.issues { printError("line \(issue.line)\(issue.column.map { ", column \($0)" } ?? ""): \(issue.message)") }
                            printError("nothing was written")
                            throw ExitCode.failure
                        }
                    }
                }
            }
        }
    }
}
