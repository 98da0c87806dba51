import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
@testable import SeguiaServer
import SeguiaTestSupport
import Testing

@Suite struct ComparePageTests {
    /// Checkboxes send one parameter per choice; the page keeps them and offers the downloads.
    @Test func theComparisonReadsCheckboxesAndPlacesEachSheetOnce() async throws {
        try await withTestApp { client in
            let html = try await pageHTML(
                client, "/fr/compare?territories=FR&territories=MA&territories=PS&indicators=6.1.1&themes=wastewater_reuse")
            #expect(html.contains("value=\"MA\" id=\"territory-MA\" checked"))
            #expect(html.contains("<th scope=\"col\"><a href=\"/fr/territories/PS\">Palestine</a></th>"))
            #expect(html.contains("href=\"/api/v1/reports/indicators?territories=FR,MA,PS&amp;indicators=6.1.1&amp;themes=wastewater_reuse&amp;lang=fr&amp;format=xlsx\""))
            #expect(html.components(separatedBy: "class=\"sheet-summary\"").count == 2)
            #expect(html.contains("<h4>Recommandations</h4>"))
            // A practice in Occitanie is placed in Occitanie's cell, not also in France's.
            let nested = try await pageHTML(client, "/fr/compare?territories=FR,FR-OCC&themes=wastewater_reuse")
            let row = try #require(nested.range(of: "<tr><th scope=\"row\"><a href=\"/fr/practices?theme=wastewater_reuse\">"))
            let cells = nested[row.upperBound...].components(separatedBy: "</tr>")[0].components(separatedBy: "<td>").dropFirst()
            #expect(cells.count == 2)
            #expect(cells.first?.contains("aucune pratique") == true)
            #expect(cells.last?.contains("Clé en Méditerranée") == true)
        }
    }
}
