import Foundation
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct RepositoryTests {
    private func withDatabase(_ body: (Database) async throws -> Void) async throws {
        try await withTestClient { client in
            try await body(Database(client: client, maximumConnections: 4, leaseTimeout: testLeaseTimeout))
        }
    }

    @Test func listsTerritoriesWithinACountryAtAnyDepth() async throws {
        try await withDatabase { database in
            let territories = try await TerritoryRepository(database: database).list(.init(within: "MA"), logger: testLogger)
            let codes = Set(territories.map(\.code))
            #expect(codes.isSuperset(of: ["MA", "MA-02", "MA-03", "MA-06", "MA-09", "MA-TAR", "MA-TAR-ARGHEN"]))
            #expect(!codes.contains("FR") && !codes.contains("PS-TBS"))
        }
    }

    @Test func filtersByKindAndValidity() async throws {
        try await withDatabase { database in
            let repository = TerritoryRepository(database: database)
            let regions = try await repository.list(.init(kind: .region), logger: testLogger)
            #expect(regions.allSatisfy { $0.kind == .region })
            #expect(regions.map(\.code).contains("FR-OCC"))
            // Occitanie exists since 1 January 2016: it was not valid in 2010.
            let in2010 = try await repository.list(.init(validOn: DatePrecision.parseDay("2010-06-01")), logger: testLogger)
            #expect(!in2010.map(\.code).contains("FR-OCC"))
            #expect(in2010.map(\.code).contains("FR"))
        }
    }

    @Test func unknownWithinIsAnInvalidField() async throws {
        try await withDatabase { database in
            await #expect(throws: AppError.invalid(field: "within", reason: "no territory has the code 'XX'")) {
                try await TerritoryRepository(database: database).list(.init(within: "XX"), logger: testLogger)
            }
        }
    }

    @Test func detailHasTheParentChainAndChildren() async throws {
        try await withDatabase { database in
            let repository = TerritoryRepository(database: database)
            let metropole = try await repository.detail(code: "FR-34-MMM", logger: testLogger)
            #expect(metropole.territory.kind == .metropole)
            #expect(metropole.ancestors.map(\.code) == ["FR-34", "FR-OCC", "FR"])
            #expect(metropole.children.isEmpty)
            let morocco = try await repository.detail(code: "MA", logger: testLogger)
            #expect(morocco.ancestors.isEmpty)
            #expect(morocco.children.map(\.code) == ["MA-02", "MA-03", "MA-06", "MA-09"])
            await #expect(throws: AppError.notFound(resource: "territory", identifier: "ZZ")) {
                try await repository.detail(code: "ZZ", logger: testLogger)
            }
        }
    }

    @Test func organisationsByHomeTerritory() async throws {
        try await withDatabase { database in
            let repository = OrganisationRepository(database: database)
            let inOccitanie = try await repository.list(.init(territory: "FR-OCC"), logger: testLogger)
            let codes = Set(inOccitanie.map(\.code))
            #expect(codes.isSuperset(of: ["OCCITANIE-COOPERATION", "EXPERTS-SOLIDAIRES", "DEPARTEMENT-AUDE", "MONTPELLIER-METROPOLE", "COLOMIERS"]))
            #expect(!codes.contains("AFD"))
            let funders = try await repository.list(.init(kind: .funder), logger: testLogger)
            #expect(funders.map(\.code) == ["AFD"])
        }
    }

    @Test func agreementsWithPartiesAndPeriods() async throws {
        try await withDatabase { database in
            let repository = AgreementRepository(database: database)
            let tubas = try await repository.list(.init(party: "PS-TBS"), logger: testLogger)
            #expect(tubas.map(\.code) == ["OCCITANIE-TUBAS-CADRE", "OCCITANIE-TUBAS-2019-2022"])
            #expect(tubas[0].period.startText == "2012" && tubas[0].period.end == nil)
            #expect(tubas[1].period.startText == "2019" && tubas[1].period.endText == "2022")
            #expect(tubas[1].parties.map(\.code) == ["REGION-OCCITANIE", "PS-TBS"])
            #expect(tubas[1].parties.map(\.kind) == [.organisation, .territory])

            let in2024 = try await repository.list(.init(party: "PS-TBS", activeOn: DatePrecision.parseDay("2024-01-01")), logger: testLogger)
            #expect(in2024.map(\.code) == ["OCCITANIE-TUBAS-CADRE"])
            let regional = try await repository.list(.init(party: "REGION-OCCITANIE"), logger: testLogger)
            #expect(regional.count == 5)
        }
    }

    /// Reading with a token once wrote last_used_at on every request: a write per read.
    @Test func aTokenIsMarkedUsedAtMostOnceAMinute() async throws {
        try await withDatabase { database in
            let tokens = TokenRepository(database: database)
            let secret = try await tokens.create(name: "lecteur", role: .reader, organisation: nil, logger: testLogger)
            func lastUsed() async throws -> String {
                try await database.withConnection("test") { connection in
                    try await connection.run("SELECT coalesce(last_used_at::text, '') FROM api_tokens WHERE name = 'lecteur'", logger: testLogger)
                        .decode(String.self).reduce("") { $1 }
                }
            }
            _ = try await tokens.identity(forSecret: secret, logger: testLogger)
            let first = try await lastUsed()
            #expect(!first.isEmpty)
            try await Task.sleep(for: .milliseconds(20))
            _ = try await tokens.identity(forSecret: secret, logger: testLogger)
            #expect(try await lastUsed() == first)
        }
    }

    /// Each indicator of a report was cut at 100,000 values without a word: a comparison
    /// missing values would mislead. Past the limit the report is refused, naming the indicator.
    @Test func aReportOverTheValueLimitIsRefusedNotCut() async throws {
        try await withDatabase { database in
            let strict = ReportRepository(database: database, maximumValuesPerIndicator: 2)
            let indicators = try await strict.indicators(["6.1.1"], logger: testLogger)
            let territories = try await strict.territories(["FR", "MA", "PS"], language: .fr, field: "territories", logger: testLogger)
            await #expect(throws: AppError.self) {
                _ = try await strict.indicatorComparison(
                    territories: territories, indicators: indicators, fromYear: nil, toYear: nil, disaggregation: "total", logger: testLogger)
            }
            let roomy = ReportRepository(database: database)
            let comparison = try await roomy.indicatorComparison(
                territories: territories, indicators: indicators, fromYear: nil, toYear: nil, disaggregation: "total", logger: testLogger)
            let observations = comparison.series.flatMap(\.rows).flatMap(\.values).compactMap { $0 }
            #expect(observations.count > 2)
        }
    }
}
