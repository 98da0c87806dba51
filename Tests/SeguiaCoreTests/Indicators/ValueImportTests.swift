import Foundation
import SeguiaCore
import Testing

@Suite struct ValueImportTests {
    let indicators = [
        "6.1.1": IndicatorRule(unit: "%", minimum: 0, maximum: 100, isComputed: false),
        "NRW": IndicatorRule(unit: "%", minimum: 0, maximum: 100, isComputed: true),
    ]
    let territories: Set<String> = ["FR", "MA", "PS"]

    /// Checks every record of a whole file with the checker its header names.
    private func rows(_ text: String, defaultSource: String? = nil) throws -> Result<[ValueRow], ImportFailure> {
        var reader = CSVRecordReader()
        let records = try reader.records(in: text.utf8) + reader.finish()
        let vocabulary = ValueVocabulary(indicators: indicators, territories: territories)
        var checker = try ValueFile.checker(
            header: records[0].fields, separator: reader.separator!, vocabulary: vocabulary, defaults: ValueFileDefaults(source: defaultSource)
        ).get()
        var rows: [ValueRow] = []
        var issues: [ImportIssue] = []
        for record in records.dropFirst() {
            switch checker.check(record) {
            case .row(let row): rows.append(row)
            case .skipped: break
            case .failed(let found): issues += found
            }
        }
        return issues.isEmpty ? .success(rows) : .failure(ImportFailure(issues: issues))
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
            6.1.1,FR
            NRW,FR,2020,20,%,JMP
            """
        guard case .failure(let failure) = try rows(text) else {
            Issue.record("a bad file was accepted")
            return
        }
        let found = failure.issues.map { "\($0.line):\($0.column ?? "-")" }
        #expect(found == ["3:indicator", "4:territory", "5:period", "6:value", "7:value", "8:unit", "9:source", "10:-", "11:indicator"])
    }

    @Test func missingColumnsAndSources() throws {
        #expect(throws: ImportFailure.self) { try rows("indicator,territory,value\n6.1.1,FR,1\n") }
        do {
            _ = try rows("indicator,territory,value\n6.1.1,FR,1\n")
        } catch let failure as ImportFailure {
            #expect(failure.issues.map(\.column) == ["period", "source"])
        }
        #expect(try rows("indicator,territory,period,value\n6.1.1,FR,2020,1\n", defaultSource: "Survey 2020").get().first?.source == "Survey 2020")
    }

    @Test func malformedBytesAreNamedWithTheirLine() throws {
        #expect(throws: CSVTable.Failure.empty) { try CSVTable.read("\n\n") }
        #expect(throws: CSVTable.Failure.unterminatedQuote(line: 2)) { try CSVTable.read("a,b\n\"open,1\n2,3\n") }
        #expect(throws: CSVTable.Failure.notText(line: 1)) { try CSVTable.read([0x61, 0x2C, 0xFF, 0xFE, 0x00]) }
        #expect(throws: CSVTable.Failure.notText(line: 3)) { try CSVTable.read(Array("a,b\n1,2\n".utf8) + [0xC3, 0x28, 0x0A]) }
    }

    /// A header of 100,000 columns was answered with 100,005 issues quoting every name.
    @Test func aHugeOrRepeatedHeaderIsOneShortAnswer() throws {
        let vocabulary = ValueVocabulary(indicators: indicators, territories: territories)
        let wide = (0..<100_000).map { "column\($0)" }
        guard case .failure(let failure) = ValueFile.checker(
            header: wide, separator: UInt8(ascii: ","), vocabulary: vocabulary, defaults: ValueFileDefaults()) else {
            Issue.record("a 100,000-column header was accepted")
            return
        }
        #expect(failure.issues.count == 1)
        let long = String(repeating: "x", count: 5_000)
        guard case .failure(let unknown) = ValueFile.checker(
            header: ["indicator", "territory", "period", "value", "source", long], separator: UInt8(ascii: ","), vocabulary: vocabulary,
            defaults: ValueFileDefaults()) else {
            Issue.record("an unknown column was accepted")
            return
        }
        #expect(unknown.issues.allSatisfy { ($0.column ?? "").count <= 81 })
        guard case .failure(let repeated) = ValueFile.checker(
            header: ["indicator", "territory", "period", "value", "source", "Value"], separator: UInt8(ascii: ","), vocabulary: vocabulary,
            defaults: ValueFileDefaults()) else {
            Issue.record("a repeated column was accepted")
            return
        }
        #expect(repeated.issues.map(\.column) == ["Value"])
    }

    /// An endless first line is refused once it passes the limit, fed in small chunks as uploads arrive.
    @Test func anEndlessLineIsRefusedAtTheLimit() throws {
        var reader = CSVRecordReader()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 4096)
        var fed = 0
        var failure: CSVTable.Failure?
        while failure == nil && fed <= CSVRecordReader.maximumRecordBytes + chunk.count {
            do { _ = try reader.records(in: chunk) } catch { failure = error }
            fed += chunk.count
        }
        #expect(failure == .recordTooLong(line: 1))
        #expect(throws: CSVTable.Failure.recordTooLong(line: 2)) {
            try CSVTable.read("a,b\n" + String(repeating: "z", count: CSVRecordReader.maximumRecordBytes + 1) + "\n")
        }
    }

    @Test func recordsReadInAnyChunkingAreTheSame() throws {
        let text = "\u{FEFF}indicator;territory;period;value;source\r\n6.1.1;MA;2020;45,5;\"Enquête; \"\"2020\"\"\r\nsur deux lignes\"\r\n\r\n6.1.1;FR;2021;1;É\n"
        let whole = try CSVTable.read(text)
        #expect(whole.separator == ";")
        #expect(whole.records.map(\.line) == [2, 5])
        #expect(whole.records[0].fields[4] == "Enquête; \"2020\"\r\nsur deux lignes")
        let bytes = Array(text.utf8)
        for size in [1, 2, 3, 7, 64] {
            var reader = CSVRecordReader()
            var records: [CSVTable.Record] = []
            for start in stride(from: 0, to: bytes.count, by: size) {
                records += try reader.records(in: bytes[start..<min(start + size, bytes.count)])
            }
            records += try reader.finish()
            #expect(Array(records.dropFirst()) == whole.records, "chunks of \(size) bytes")
        }
    }

    @Test func numbersAreReadExactly() {
        #expect(ValueFile.number("45,5", decimalComma: true) == Decimal(string: "45.5"))
        #expect(ValueFile.number("45,5", decimalComma: false) == nil)
        #expect(ValueFile.number("-0.25", decimalComma: false) == Decimal(string: "-0.25"))
        #expect(ValueFile.number("1e3", decimalComma: false) == 1000)
        #expect(ValueFile.number(".5", decimalComma: false) == Decimal(string: "0.5"))
        for bad in ["", "-", ".", "1.2.3", "1e", "12a", "1 000", "NaN", "<5"] {
            #expect(ValueFile.number(bad, decimalComma: true) == nil, "\(bad)")
        }
    }
}
