import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
@testable import SeguiaServer
import SeguiaTestSupport
import Testing

@Suite struct IndicatorPageTests {
    private func page(_ client: any TestClientProtocol, _ uri: String) async throws -> String {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .ok, "\(uri)")
        return String(buffer: response.body)
    }

    @Test func anIndicatorHasItsDefinitionSheetChartsCoverageAndSources() async throws {
        try await withTestApp { client in
            let html = try await page(client, "/fr/indicators/6.1.1")
            #expect(html.contains("SH_H2O_SAFE"))
            #expect(html.contains("JMP-2021") && html.contains("JMP-2023"))
            #expect(html.contains("class=\"coverage\""))
            #expect(html.contains("href=\"/api/v1/values.csv?indicator=6.1.1\""))
            // The Arabic name says where it comes from.
            let arabic = try await page(client, "/ar/indicators/6.4.2")
            #expect(arabic.contains("مستوى الإجهاد المائي"))
            #expect(arabic.contains("من ترجمة Seguia"))
            let official = try await page(client, "/ar/indicators/6.1.1")
            #expect(official.contains("الاسم العربي المعتمد لدى الأمم المتحدة"))
            let dictionary = try await page(client, "/en/indicators")
            #expect(dictionary.contains("href=\"/en/indicators/NRW\""))
        }
    }
}
