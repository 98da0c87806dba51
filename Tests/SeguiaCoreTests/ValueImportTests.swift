import Foundation
import SeguiaCore
import Testing

@Suite struct ValueImportTests {
    let indicators = [
        "6.1.1": IndicatorRule(unit: "%", minimum: 0, maximum: 100, isComputed: false),
        "NRW": IndicatorRule(unit: "%", minimum: 0, maximum: 100, isComputed: true),
    ]
    let territories: Set<String> = ["FR", "MA", "PS"]

    private func rows(_ text: String, defaultSource: String? = nil) throws -> Result<[ValueRow], ImportFailure> {
        LongValueFormat.rows(of: try CSVTable.read(text), indicators: indicators, territories: territories, defaultSource: defaultSource)
    }

    @Test func semicolonFilesWithABOMTakeDecimalCommas() throws {
        let result = try rows("\u{FEFF}indicator;territory;period;value;source\n6.1.1;MA;2020;45,5;\"Enquête; 2020\"\n")
        let parsed = try result.get()
        #expect(parsed.count == 1)
        #expect(parsed[0].value == Decimal(string: "45.5"))
        #expect(parsed[0].source == "Enquête; 2020")
        #expect(parsed[0].period.start == "2020-01-01" && parsed[0].period.end == "2020-12-31")
    }

    @Test func columnsInAnyOrderWithQuotedNewlinesAndPeriodsOfEveryKind() throws {
        let text = "source,value,period,territory,indicator\n\"line one\nline two\",1.5,2020-Q2,fr,6.1.1\nS,2,2020-03,MA,6.1.1\r\nS,3,2021,PS,6.1.1"
        let parsed = try rows(text).get()
        #expect(parsed.map(\.line) == [2, 4, 5])
        #expect(parsed[0].period.start == "2020-04-01" && parsed[0].period.end == "2020-06-30")
        #expect(parsed[1].period.end == "2020-03-31")
        #expect(parsed[0].territory == "FR")
    }

    @Test func everyBadRowIsReportedWithItsLineAndColumn() throws {
        let text = """
            indicator,territory,period,value,unit,source
            6.1.1,FR,2020,97.1,%,JMP
            9.9.9,FR,2020,1,%,JMP
            6.1.1,XX,2020,1,%,JMP
            6.1.1,FR,20201,1,%,JMP
            6.1.1,FR,2021,abc,%,JMP
            6.1.1,FR,2022,101,%,JMP
            6.1.1,FR,2023,50,m3,JMP
            6.1.1,FR,2024,50,%,
            6.1.1,FR,2020,97.1,%,JMP
            6.1.1,FR
            NRW,FR,2020,20,%,JMP
            """
        guard case .failure(let failure) = try rows(text) else {
            Issue.record("a bad file was accepted")
            return
        }
        let found = failure.issues.map { "\($0.line):\($0.column ?? "-")" }
        #expect(found == ["3:indicator", "4:territory", "5:period", "6:value", "7:value", "8:unit", "9:source", "10:-", "11:-", "12:indicator"])
        #expect(failure.issues.first { $0.line == 10 }?.message.contains("line 2") == true)
    }

    @Test func missingColumnsSourcesAndEmptyFiles() throws {
        guard case .failure(let missing) = try rows("indicator,territory,value\n6.1.1,FR,1\n") else { Issue.record("accepted"); return }
        #expect(missing.issues.map(\.column) == ["period", "source"])
        #expect(try rows("indicator,territory,period,value\n6.1.1,FR,2020,1\n", defaultSource: "Survey 2020").get().first?.source == "Survey 2020")
        guard case .failure(let headerOnly) = try rows("indicator,territory,period,value,source\n") else { Issue.record("accepted"); return }
        #expect(headerOnly.issues.count == 1)
        #expect(throws: CSVTable.Failure.empty) { try CSVTable.read("\n\n") }
        #expect(throws: CSVTable.Failure.unterminatedQuote(line: 2)) { try CSVTable.read("a,b\n\"open,1\n2,3\n") }
        #expect(throws: CSVTable.Failure.notText) { try CSVTable.read([0x61, 0x2C, 0xFF, 0xFE, 0x00]) }
    }
}
