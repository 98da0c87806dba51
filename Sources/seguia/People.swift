import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import SeguiaCore
import SeguiaServer
import SeguiaStore

/// `seguia people export|erase PERSON`: a person's access and erasure requests.
struct People: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer a person's requests about their data: everything kept about them, or its erasure.",
        subcommands: [ExportPerson.self, ErasePerson.self])

    struct ExportPerson: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Print, as JSON, everything the directory keeps about a person (by id or e-mail).")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The person's id, or their e-mail address.") var person: String

        func run() async throws {
            try await withPerson(person, common: common) { _, found, _ in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try encoder.encode(PersonExport(found)))
                print("")
            }
        }
    }

    struct ErasePerson: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase", abstract: "Remove a person and their roles from the directory: nothing of them is kept.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The person's id, or their e-mail address.") var person: String
        @Flag(help: "Erase without asking (for scripts).") var yes = false

        func run() async throws {
            try await withPerson(person, common: common) { repository, found, logger in
                if !yes {
                    FileHandle.standardError.write(Data("Erase \(found.details.name) (\(found.details.roles.count) roles)? Type yes: ".utf8))
                    guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                        printError("nothing erased")
                        throw ExitCode.failure
                    }
                }
                let author = Identity(tokenID: 0, name: "cli:\(ProcessInfo.processInfo.userName)", role: .admin, organisation: nil)
                try await repository.erase(found.id, expectedVersion: nil, by: author, logger: logger)
                print("erased person \(found.id) and \(found.details.roles.count) roles")
            }
        }
    }
}

/// Runs `body` with the directory and the person `person` names (an id or an e-mail address).
private func withPerson(
    _ person: String, common: CommonOptions, _ body: (PersonRepository, StoredPerson, Logger) async throws -> Void
) async throws {
    let config = try common.resolve()
    let logger = Logger(label: "seguia")
    try requireExistingData(config)
    try await withDirectory(config: config, logger: logger) { repository in
        try await body(repository, try await resolve(person, repository: repository, logger: logger), logger)
    }
}

private func resolve(_ person: String, repository: PersonRepository, logger: Logger) async throws -> StoredPerson {
    if let id = Int64(person) { return try await repository.find(id, logger: logger) }
    let matches = try await repository.list(.init(email: person), logger: logger)
    guard let first = matches.first else { throw AppError.notFound(resource: "person", identifier: person) }
    guard matches.count == 1 else {
        throw ValidationError("\(matches.count) people have the address \(person): give the id (\(matches.map { String($0.id) }.joined(separator: ", ")))")
    }
    return first
}

private func withDirectory(config: AppConfig, logger: Logger, _ body: (PersonRepository) async throws -> Void) async throws {
    try await runReportingErrors {
        try await withProvisionedDatabase(config: config, logger: logger) { (database: ProvisionedDatabase) in
            try await DatabaseProvisioner.prepareSchema(database, config: config, logger: logger)
            try await withPostgresClient(database.endpoint, logger: logger) { client in
                try await body(PersonRepository(database: Database(client: client, maximumConnections: 2)))
            }
        }
    }
}

/// Everything kept about a person, as an access request is answered.
struct PersonExport: Encodable {
    var id: Int64
    var name: String
    var jobTitle: String?
    var organisation: String?
    var languages: [String]
    var email: String?
    var phone: String?
    var consentOn: String?
    var consentRecordedBy: String?
    var consentNote: String?
    var roles: [[String: String]]
    var createdAt: Date
    var createdBy: String
    var updatedAt: Date
    var updatedBy: String

    init(_ person: StoredPerson) {
        let details = person.details
        id = person.id
        name = details.name
        jobTitle = details.jobTitle
        organisation = details.organisation
        languages = details.languages.map(\.rawValue)
        email = details.email
        phone = details.phone
        consentOn = details.consentOn
        consentRecordedBy = details.consentRecordedBy
        consentNote = details.consentNote
        roles = details.roles.map { role in
            var entry = ["role": role.kind.rawValue]
            if let agreement = role.agreement { entry["agreement"] = agreement }
            if let practice = role.practice { entry["practice"] = practice }
            return entry
        }
        createdAt = person.createdAt
        createdBy = person.createdBy
        updatedAt = person.updatedAt
        updatedBy = person.updatedBy
    }
}
