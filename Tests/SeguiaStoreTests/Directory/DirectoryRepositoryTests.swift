import Foundation
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct DirectoryRepositoryTests {
    @Test func listsTerritoriesWithinACountryAtAnyDepth() async throws {
        try await withTestPool { database in
            let territories = try await TerritoryRepository(database: database).list(.init(within: "MA"), logger: testLogger)
            let codes = Set(territories.map(\.code))
            #expect(codes.isSuperset(of: ["MA", "MA-02", "MA-03", "MA-06", "MA-09", "MA-TAR", "MA-TAR-ARGHEN"]))
            #expect(!codes.contains("FR") && !codes.contains("PS-TBS"))
        }
    }

    @Test func filtersByKindAndValidity() async throws {
        try await withTestPool { database in
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
        try await withTestPool { database in
            await #expect(throws: AppError.invalid(field: "within", reason: "no territory has the code 'XX'")) {
                try await TerritoryRepository(database: database).list(.init(within: "XX"), logger: testLogger)
            }
        }
    }

    @Test func detailHasTheParentChainAndChildren() async throws {
        try await withTestPool { database in
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
        try await withTestPool { database in
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
        try await withTestPool { database in
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
}
