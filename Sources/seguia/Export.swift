import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import SeguiaCore
import SeguiaExport
import SeguiaServer
import SeguiaStore

extension ReportFormat: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension ComparisonLayout: ExpressibleByArgument {}
extension ReportDefinition.Kind: ExpressibleByArgument {}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export comparison reports and indicator values.", subcommands: [Report.self, Values.self])

    /// Where a file goes: the path given, or standard output.
    static func output(_ path: String?) throws -> FileHandle {
        guard let path else { return FileHandle.standardOutput }
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ValidationError("cannot write \(path)")
        }
        return handle
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a comparison of territories (indicators or practices), as /api/v1/reports renders it.")

        @OptionGroup var common: CommonOptions
        @Option(help: "indicators or practices.") var kind: ReportDefinition.Kind = .indicators
        @Option(help: "Territory codes, comma-separated.") var territories = "FR,MA,PS"
        @Option(help: "Indicator codes, comma-separated (default: the SDG 6 headline indicators).") var indicators: String?
        @Option(help: "Theme keys, comma-separated (practice comparisons).") var themes: String?
        @Option(help: "First year.") var from: Int?
        @Option(help: "Last year.") var to: Int?
        @Option(help: "total, urban, rural or a sector.") var disaggregation = "total"
        @Option(help: "latest or series.") var layout: ComparisonLayout = .latest
        @Option(help: "json, csv, xlsx, md or html.") var format: ReportFormat = .xlsx
        @Option(help: "fr, en or ar.") var lang: Language = .fr
        @Option(help: "CSV separator: , or ; (with ; numbers take a decimal comma).") var sep = ","
        @Option(name: .shortAndLong, help: "The file to write (default: standard output).") var output: String?

        func validate() throws {
            guard sep == "," || sep == ";" else { throw ValidationError("--sep is , or ;") }
        }

        func run() async throws {
            let config = try common.resolve()
            let logger = Logger(label: "seguia")
            let definition = ReportDefinition(
                kind: kind, territories: Export.list(territories).map(TerritoryCode.normalise), indicators: Export.list(indicators),
                themes: Export.list(themes), fromYear: from, toYear: to, disaggregation: disaggregation.lowercased(), layout: layout)
            try await runReportingErrors {
                try await withProvisionedDatabase(config: config, logger: logger) { (database: ProvisionedDatabase) in
                    try await DatabaseProvisioner.prepareSchema(database, config: config, logger: logger)
                    try await withPostgresClient(database.endpoint, logger: logger) { client in
                        let database = Database(client: client, maximumConnections: 2)
                        let indicators = IndicatorRepository(database: database)
                        let exporter = ReportExporter(
                            reports: ReportRepository(
                                database: database, definitions: indicators, values: ValueRepository(database: database, indicators: indicators),
                                practices: PracticeRepository(database: database)))
                        let file = try await exporter.render(
                            definition, delivery: .init(format: format, language: lang, csvSeparator: Character(sep)), audience: .administrator,
                            logger: logger)
                        let handle = try Export.output(output)
                        try handle.write(contentsOf: file.data)
                        if let output { FileHandle.standardError.write(Data("wrote \(output) (\(file.data.count) bytes; suggested name \(file.name))\n".utf8)) }
                    }
                }
            }
        }
    }

    struct Values: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write indicator values (with their sources) as CSV or JSON lines, streamed as they are read.")

        @OptionGroup var common: CommonOptions
        @Option(help: "Indicator code.") var indicator: String?
        @Option(help: "Territory code.") var territory: String?
        @Flag(help: "Include the territory's descendants.") var descendants = false
        @Option(help: "First year.") var from: Int?
        @Option(help: "Last year.") var to: Int?
        @Option(help: "Disaggregation.") var disaggregation: String?
        @Option(help: "Release (vintage).") var vintage: String?
        @Option(help: "csv or json (JSON lines).") var format: ReportFormat = .csv
        @Option(name: .shortAndLong, help: "The file to write (default: standard output).") var output: String?

        func validate() throws {
            guard format == .csv || format == .json else { throw ValidationError("--format is csv or json") }
        }

        func run() async throws {
            let config = try common.resolve()
            let logger = Logger(label: "seguia")
            var filter = ValueRepository.Filter()
            filter.indicator = indicator
            filter.territory = territory.map(TerritoryCode.normalise)
            filter.includeDescendants = descendants
            filter.fromYear = from
            filter.toYear = to
            filter.disaggregation = disaggregation?.lowercased()
            filter.vintage = vintage
            try await runReportingErrors {
                try await withProvisionedDatabase(config: config, logger: logger) { (database: ProvisionedDatabase) in
                    try await DatabaseProvisioner.prepareSchema(database, config: config, logger: logger)
                    try await withPostgresClient(database.endpoint, logger: logger) { client in
                        let database = Database(client: client, maximumConnections: 2)
                        let repository = ValueRepository(database: database, indicators: IndicatorRepository(database: database))
                        try await repository.check(filter, logger: logger)
                        let handle = try Export.output(output)
                        var count = 0
                        try await repository.stream(filter, logger: logger) { rows in
                            count = try await ValueFileWriter(format: format).write(rows) { block in
                                try handle.write(contentsOf: Data(block.readableBytesView))
                            }
                        }
                        if let output { FileHandle.standardError.write(Data("wrote \(count) values to \(output)\n".utf8)) }
                    }
                }
            }
        }
    }
}
