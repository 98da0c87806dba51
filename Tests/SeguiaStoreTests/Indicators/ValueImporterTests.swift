import Foundation
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct ValueImporterTests {
    /// The file as a stream of `size`-byte chunks, as a network or a file reader hands it over.
    private func chunks(_ text: String, size: Int) -> AsyncStream<ByteBuffer> {
        let bytes = Array(text.utf8)
        return AsyncStream { continuation in
            for start in stride(from: 0, to: bytes.count, by: size) {
                continuation.yield(ByteBuffer(bytes: bytes[start..<min(start + size, bytes.count)]))
            }
            continuation.finish()
        }
    }

    private func storedCount(_ client: PostgresClient, disaggregation: String) async throws -> Int {
        let rows = try await client.query("SELECT count(*) FROM indicator_values WHERE disaggregation = \(disaggregation)", logger: testLogger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    @Test func aFileCutAnywhereImportsTheSameRows() async throws {
        // Quoted separators, escapes COPY must carry (tab, backslash, newline) and accents split across chunks.
        var lines = ["\u{FEFF}indicator;territory;period;value;source;note;disaggregation"]
        for year in 1990..<2020 {
            lines.append("6.4.1;MA;\(year);\(year - 1989),25;\"Rapport; annexe\";\"tab\there \\\\ back\nslash é\";chunked")
        }
        let file = lines.joined(separator: "\r\n")
        try await withTestClient { client in
            let importer = ValueImporter(database: Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout))
            let outcome = try await importer.importCSV(chunks(file, size: 5), options: .init(author: "test"), logger: testLogger)
            #expect(outcome.rows == 30 && outcome.inserted == 30)
            let rows = try await client.query(
                "SELECT value::text, source, note FROM indicator_values WHERE disaggregation = 'chunked' ORDER BY period", logger: testLogger)
            var stored: [(String, String, String?)] = []
            for try await row in rows.decode((String, String, String?).self) { stored.append(row) }
            #expect(stored.count == 30)
            #expect(stored.first?.0 == "1.25" && stored.first?.1 == "Rapport; annexe")
            #expect(stored.first?.2 == "tab\there \\\\ back\nslash é")
            let again = try await importer.importCSV(chunks(file, size: 4096), options: .init(author: "test"), logger: testLogger)
            #expect(again.unchanged == 30 && again.inserted == 0 && again.updated == 0)
        }
    }

    @Test func duplicateKeysNameBothLinesAndNothingIsWritten() async throws {
        let file = "indicator,territory,period,value,source,disaggregation\n6.4.1,FR,2001,1,S,dup\n6.4.1,FR,2002,2,S,dup\n6.4.1,FR,2001,3,S,dup\n"
        try await withTestClient { client in
            let importer = ValueImporter(database: Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout))
            await #expect(throws: ImportFailure(issues: [
                ImportIssue(line: 4, message: "same indicator, territory, period, disaggregation and vintage as line 2")
            ])) {
                try await importer.importCSV(chunks(file, size: 1024), options: .init(author: "test"), logger: testLogger)
            }
            let stored = try await storedCount(client, disaggregation: "dup")
            #expect(stored == 0)
        }
    }

    @Test func unitsOfAUNExportMustBeTheIndicators() async throws {
        let file = """
            SeriesCode,GeoAreaCode,TimePeriod,Value,Units,Location
            ER_H2O_IWRMD,504,2020,71,PERCENT,
            ER_H2O_WUEYST,504,2020,4.2,PERCENT,
            EN_WWT_GEN,504,2015,552.4,M_M3_PER_YR,ALLAREA
            ER_H2O_STRESS,504,2020,50,TONNES,
            """
        try await withTestClient { client in
            let importer = ValueImporter(database: Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout))
            do {
                _ = try await importer.importCSV(chunks(file, size: 64), options: .init(author: "test"), logger: testLogger)
                Issue.record("wrong units were accepted")
            } catch let failure as ImportFailure {
                #expect(failure.issues.map(\.line) == [3, 5])
                #expect(failure.issues.allSatisfy { $0.column == "Units" })
                #expect(failure.issues.first?.message.contains("USD/m3") == true)
            }
        }
    }

    @Test func aDryRunCountsAndWritesNothing() async throws {
        let file = "indicator,territory,period,value,source,disaggregation\n6.4.1,FR,2001,1,S,dry\n6.4.1,FR,2002,2,S,dry\n"
        try await withTestClient { client in
            let importer = ValueImporter(database: Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout))
            let outcome = try await importer.importCSV(chunks(file, size: 16), options: .init(author: "test", dryRun: true), logger: testLogger)
            #expect(outcome.inserted == 2)
            let stored = try await storedCount(client, disaggregation: "dry")
            #expect(stored == 0)
        }
    }
}
