import Foundation
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct ReportRepositoryTests {
    /// Each indicator of a report was cut at 100,000 values without a word: a comparison
    /// missing values would mislead. Past the limit the report is refused, naming the indicator.
    @Test func aReportOverTheValueLimitIsRefusedNotCut() async throws {
        try await withTestPool { database in
            let indicatorRepository = IndicatorRepository(database: database)
            func reports(limit: Int) -> ReportRepository {
                ReportRepository(
                    database: database, definitions: indicatorRepository,
                    values: ValueRepository(database: database, indicators: indicatorRepository), practices: PracticeRepository(database: database),
                    maximumValuesPerIndicator: limit)
            }
            let strict = reports(limit: 2)
            let indicators = try await strict.indicators(["6.1.1"], logger: testLogger)
            let territories = try await strict.territories(["FR", "MA", "PS"], language: .fr, field: "territories", logger: testLogger)
            await #expect(throws: AppError.self) {
                _ = try await strict.indicatorComparison(
                    territories: territories, indicators: indicators, fromYear: nil, toYear: nil, disaggregation: "total", logger: testLogger)
            }
            let roomy = reports(limit: 100_000)
            let comparison = try await roomy.indicatorComparison(
                territories: territories, indicators: indicators, fromYear: nil, toYear: nil, disaggregation: "total", logger: testLogger)
            let observations = comparison.series.flatMap(\.rows).flatMap(\.values).compactMap { $0 }
            #expect(observations.count > 2)
        }
    }
}
