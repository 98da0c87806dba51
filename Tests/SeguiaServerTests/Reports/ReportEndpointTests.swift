import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing
import ZIPFoundation

@Suite struct ReportEndpointTests {
    private func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get) { $0 }
    }

    /// Latest values of the JSON report by "indicator/territory".
    private func latestValues(_ report: [String: Any]) -> [String: Double] {
        var values: [String: Double] = [:]
        for indicator in report["indicators"] as? [[String: Any]] ?? [] {
            for cell in indicator["cells"] as? [[String: Any]] ?? [] {
                if let latest = cell["latest"] as? [String: Any], let value = latest["value"] as? Double {
                    values["\(indicator["code"] ?? "")/\(cell["territory"] ?? "")"] = value
                }
            }
        }
        return values
    }

    /// The rows of a CSV answer, read by Seguia's own reader.
    private func csvRows(_ body: ByteBuffer) throws -> [[String]] {
        let table = try CSVTable.read(Array(body.readableBytesView))
        return [table.header] + table.records.map(\.fields)
    }

    /// Cells of the first sheet of a workbook: "A1" → (value, style, type).
    private func firstSheet(_ data: Data) throws -> [String: (value: String, style: String?, type: String?)] {
        try sheet(1, of: data)
    }

    private func sheet(_ number: Int, of data: Data) throws -> [String: (value: String, style: String?, type: String?)] {
        let archive = try Archive(data: data, accessMode: .read)
        var xml = Data()
        let entry = try #require(archive["xl/worksheets/sheet\(number).xml"])
        _ = try archive.extract(entry) { xml.append($0) }
        let text = String(decoding: xml, as: UTF8.self)
        var cells: [String: (String, String?, String?)] = [:]
        let pattern = try NSRegularExpression(pattern: #"<c r="([A-Z]+[0-9]+)"( t="([a-zA-Z]+)")?( s="([0-9]+)")?>(<v>([^<]*)</v>|<is><t[^>]*>([^<]*)</t></is>)</c>"#)
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            func group(_ index: Int) -> String? { Range(match.range(at: index), in: text).map { String(text[$0]) } }
            cells[group(1)!] = (group(7) ?? group(8) ?? "", group(5), group(3))
        }
        return cells
    }

    @Test func theDefaultComparisonAgreesAcrossEveryFormat() async throws {
        try await withTestApp { client in
            let json = try JSONSerialization.jsonObject(with: Data(buffer: try await get(client, "/api/v1/reports/indicators").body)) as? [String: Any]
            let report = try #require(json)
            let expected = latestValues(report)
            #expect(expected["6.5.1/MA"] != nil && expected["6.1.1/FR"] != nil && expected["6.2.1/PS"] != nil)
            #expect((report["territories"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["FR", "MA", "PS"])
            let empty = report["empty_cells"] as? Int ?? -1
            #expect((report["notes"] as? [String])?.first?.hasPrefix("\(empty) cellule") == true)

            // CSV: a byte-order mark, a regular table, the same numbers.
            let csv = try await get(client, "/api/v1/reports/indicators?format=csv")
            #expect(csv.headers[.contentDisposition] == #"attachment; filename="comparaison-FR-MA-PS-2022.csv""#)
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let rows = try csvRows(csv.body)
            #expect(Set(rows.map(\.count)).count == 1)
            let header = rows[0]
            let (code, territory, value) = (header.firstIndex(of: "Code")!, header.firstIndex(of: "Code territoire")!, header.firstIndex(of: "Valeur")!)
            var fromCSV: [String: Double] = [:]
            for row in rows.dropFirst() where !row[value].isEmpty { fromCSV["\(row[code])/\(row[territory])"] = Double(row[value]) }
            #expect(fromCSV == expected)

            // XLSX: numbers stored as numbers, the same ones; bold frozen header; a Sources sheet.
            let xlsx = try await get(client, "/api/v1/reports/indicators?format=xlsx")
            #expect(xlsx.headers[.contentType] == ReportFormat.xlsx.mediaType)
            let cells = try firstSheet(Data(buffer: xlsx.body))
            // The title (bold, larger) above the header row.
            #expect(cells["A1"]?.style == "8" && cells["A1"]?.value.hasPrefix("Comparaison des indicateurs") == true)
            let headerRow = try #require((1...10).first { cells["A\($0)"]?.style == "1" })
            var fromXLSX: [String: Double] = [:]
            for row in (headerRow + 1)...(headerRow + rows.count - 1) {
                guard let number = cells["G\(row)"], number.type == nil, let code = cells["B\(row)"]?.value, let territory = cells["E\(row)"]?.value
                else { continue }
                fromXLSX["\(code)/\(territory)"] = Double(number.value)
            }
            #expect(fromXLSX == expected)
            let archive = try Archive(data: Data(buffer: xlsx.body), accessMode: .read)
            #expect(archive["xl/worksheets/sheet2.xml"] != nil)

            // Markdown and HTML: the same numbers at the indicator's decimals.
            let markdown = String(buffer: try await get(client, "/api/v1/reports/indicators?format=md").body)
            let html = String(buffer: try await get(client, "/api/v1/reports/indicators?format=html").body)
            let indicators = report["indicators"] as? [[String: Any]] ?? []
            for (key, number) in expected {
                let code = String(key.split(separator: "/")[0])
                let decimals = indicators.first { $0["code"] as? String == code }?["decimals"] as? Int ?? 1
                let shown = ReportNumber.format(Decimal(string: String(number))!, decimals: decimals)
                #expect(markdown.contains("| \(shown) |"), "\(key) \(shown) in Markdown")
                #expect(html.contains(">\(shown)</td>"), "\(key) \(shown) in HTML")
            }
            #expect(html.contains("<svg") && html.contains("role=\"img\"") && html.contains("dir=\"ltr\""))
            #expect(html.components(separatedBy: "<svg").count - 1 >= indicators.count)
        }
    }

    @Test func formulasAndSourcesThatLookLikeFormulasAreNeutralisedNegativeNumbersAreNot() async throws {
        try await withTokenApp { client, token in
            let file = """
                indicator,territory,period,value,source
                6.4.1,FR,2030,40.5,"=HYPERLINK(""http://example.org"",""clic"")"
                6.4.1,FR,2031,38,"=HYPERLINK(""http://example.org"",""clic"")"
                """
            try await client.execute(
                uri: "/api/v1/values/import", method: .post,
                headers: [.contentType: "text/csv", .authorization: "Bearer \(token)"], body: ByteBuffer(string: file)
            ) { #expect($0.status == .ok) }
            let csv = try csvRows(try await get(client, "/api/v1/reports/indicators?indicators=6.4.1&territories=FR&format=csv&sep=;").body)
            let header = csv[0]
            let row = csv[1]
            #expect(row[header.firstIndex(of: "Source")!] == #"'=HYPERLINK("http://example.org","clic")"#)
            #expect(row[header.firstIndex(of: "Évolution")!] == "-2,5")
            #expect(row[header.firstIndex(of: "Tendance")!] == "dégradation")
            let workbook = Data(buffer: try await get(client, "/api/v1/reports/indicators?indicators=6.4.1&territories=FR&format=xlsx").body)
            let cells = try firstSheet(workbook)
            let headerRow = try #require((1...10).first { cells["A\($0)"]?.style == "1" })
            #expect(cells["O\(headerRow + 1)"]?.value == "[1]")
            #expect(cells["J\(headerRow + 1)"]?.value == "-2.5" && cells["J\(headerRow + 1)"]?.type == nil)
            let source = try #require(try sheet(2, of: workbook)["B2"])
            #expect(source.type == "inlineStr" && source.style == "2" && source.value.hasPrefix("=HYPERLINK"))
        }
    }

    @Test func seriesKeepPeriodsAsRowsAndNeverMixReleases() async throws {
        try await withTestApp { client in
            let body = try json(try await get(client, "/api/v1/reports/indicators?indicators=6.2.1&territories=FR,MA,PS&from=2019&to=2020&layout=series"))
            let series = try #require((body["indicators"] as? [[String: Any]])?.first?["series"] as? [[String: Any]])
            let keys = series.map { "\($0["period"] ?? "")/\($0["vintage"] ?? "")" }
            #expect(Set(keys).count == keys.count)
            #expect(keys.contains("2020/JMP-2021") && keys.contains("2020/JMP-2023"))
            let morocco2021 = series.first { $0["period"] as? String == "2020" && $0["vintage"] as? String == "JMP-2021" }?["values"] as? [String: Double]
            #expect(morocco2021?["MA"] == 39.32)
            let csv = try csvRows(try await get(client, "/api/v1/reports/indicators?indicators=6.2.1&from=2019&to=2020&layout=series&format=csv").body)
            #expect(csv[0].contains("FR") && csv[0].contains("MA") && csv[0].contains("PS"))
            #expect(csv.count == series.count + 1)
        }
    }

    @Test func practicesAreComparedByThemeAndTerritory() async throws {
        try await withTestApp { client in
            let body = try json(try await get(client, "/api/v1/reports/practices?territories=FR-OCC,MA,PS"))
            let themes = try #require(body["themes"] as? [[String: Any]])
            #expect(!themes.isEmpty)
            for theme in themes {
                let cells = theme["cells"] as? [[String: Any]] ?? []
                #expect(cells.compactMap { $0["territory"] as? String } == ["FR-OCC", "MA", "PS"])
                for cell in cells {
                    let practices = cell["practices"] as? [[String: Any]] ?? []
                    #expect(practices.contains { $0["slug"] as? String == "cle-en-mediterranee" }, "\(theme["key"] ?? "") \(cell["territory"] ?? "")")
                    #expect(practices.first.map { !($0["levers"] as? String ?? "").isEmpty && !($0["limits"] as? String ?? "").isEmpty } == true)
                }
            }
            let html = String(buffer: try await get(client, "/api/v1/reports/practices?territories=FR-OCC,MA,PS&format=html&lang=ar").body)
            #expect(html.contains("dir=\"rtl\"") && html.contains("lang=\"ar\""))
            try await client.execute(uri: "/api/v1/reports/practices?themes=nothing", method: .get) { #expect($0.status == .unprocessableContent) }
        }
    }

    @Test func aPracticeStandsNextToItsFigures() async throws {
        try await withTestApp { client in
            let body = try json(try await get(client, "/api/v1/practices/cle-en-mediterranee/evidence?indicators=6.5.1,6.3.1"))
            let series = try #require(body["series"] as? [[String: Any]])
            let moroccan = series.filter { ($0["territory"] as? String)?.hasPrefix("MA-") == true && $0["indicator"] as? String == "6.5.1" }
            #expect(!moroccan.isEmpty)
            // Provinces carry no SDG figure: the country's series stands in, and says so.
            #expect(moroccan.allSatisfy { $0["values_of"] as? String == "MA" })
            let points = moroccan.first?["points"] as? [[String: Any]] ?? []
            #expect(points.contains { $0["period"] as? String == "2020" && $0["value"] as? Double == 71 })
            // The model sheet gives a duration, not dates: no value can be placed before or after it.
            #expect(points.allSatisfy { $0["phase"] as? String == "undated" })
            let csv = try await get(client, "/api/v1/practices/cle-en-mediterranee/evidence?indicators=6.5.1&format=csv")
            #expect(csv.headers[.contentDisposition]?.contains("pratique-cle-en-mediterranee.csv") == true)
            try await client.execute(uri: "/api/v1/practices/nothing-here/evidence", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func savedComparisonsRenderWithCurrentData() async throws {
        try await withTokenApp { client, token in
            let definition = #"{"name": "Comité de pilotage Tubas", "territories": ["FR", "MA", "PS"], "indicators": ["6.1.1", "6.2.1"], "from": 2015}"#
            let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
            try await client.execute(uri: "/api/v1/reports", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: definition)) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/reports", method: .post, headers: headers, body: ByteBuffer(string: definition)) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/api/v1/reports/comite-de-pilotage-tubas")
            }
            try await client.execute(uri: "/api/v1/reports", method: .post, headers: headers, body: ByteBuffer(string: definition)) {
                #expect($0.status == .conflict)
            }
            let unknown = #"{"name": "X", "territories": ["XX"]}"#
            try await client.execute(uri: "/api/v1/reports", method: .post, headers: headers, body: ByteBuffer(string: unknown)) {
                #expect($0.status == .unprocessableContent)
            }
            let listed = try items(try await get(client, "/api/v1/reports"))
            #expect(listed.compactMap { $0["slug"] as? String } == ["comite-de-pilotage-tubas"])
            let saved = try json(try await get(client, "/api/v1/reports/comite-de-pilotage-tubas"))
            let direct = try json(try await get(client, "/api/v1/reports/indicators?territories=FR,MA,PS&indicators=6.1.1,6.2.1&from=2015"))
            #expect(latestValues(saved) == latestValues(direct))
            let xlsx = try await get(client, "/api/v1/reports/comite-de-pilotage-tubas?format=xlsx")
            #expect(xlsx.headers[.contentDisposition]?.hasSuffix(#"comparaison-FR-MA-PS-2022.xlsx""#) == true)
        }
    }

    @Test func valuesStreamAsCSVAndJSONLines() async throws {
        try await withTestApp { client in
            let total = try json(try await get(client, "/api/v1/values?indicator=6.1.1&limit=1"))["total"] as? Int ?? -1
            let csv = try await get(client, "/api/v1/values.csv?indicator=6.1.1")
            #expect(csv.headers[.contentDisposition] == #"attachment; filename="valeurs-6.1.1.csv""#)
            let rows = try csvRows(csv.body)
            #expect(rows.count == total + 1)
            #expect(Set(rows.map(\.count)) == [13])
            let lines = String(buffer: try await get(client, "/api/v1/values.json?indicator=6.1.1").body).split(separator: "\n")
            #expect(lines.count == total)
            let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
            #expect(first?["indicator"] as? String == "6.1.1" && first?["source"] != nil)
            try await client.execute(uri: "/api/v1/values.csv?territory=XX", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }
}
