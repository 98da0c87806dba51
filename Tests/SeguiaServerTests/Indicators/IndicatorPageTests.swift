import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
@testable import SeguiaServer
import SeguiaTestSupport
import Testing

@Suite struct IndicatorPageTests {
    @Test func anIndicatorHasItsDefinitionSheetChartsCoverageAndSources() async throws {
        try await withTestApp { client in
            let html = try await pageHTML(client, "/fr/indicators/6.1.1")
            #expect(html.contains("SH_H2O_SAFE"))
            #expect(html.contains("JMP-2021") && html.contains("JMP-2023"))
            #expect(html.contains("class=\"coverage\""))
            #expect(html.contains("href=\"/api/v1/values.csv?indicator=6.1.1\""))
            // The Arabic name says where it comes from.
            let arabic = try await pageHTML(client, "/ar/indicators/6.4.2")
            #expect(arabic.contains("مستوى الإجهاد المائي"))
            #expect(arabic.contains("من ترجمة Seguia"))
            let official = try await pageHTML(client, "/ar/indicators/6.1.1")
            #expect(official.contains("الاسم العربي المعتمد لدى الأمم المتحدة"))
            let dictionary = try await pageHTML(client, "/en/indicators")
            #expect(dictionary.contains("href=\"/en/indicators/NRW\""))
        }
    }
}
