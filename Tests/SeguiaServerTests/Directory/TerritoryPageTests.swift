import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
@testable import SeguiaServer
import SeguiaTestSupport
import Testing

@Suite struct TerritoryPageTests {
    @Test func aTerritoryShowsWhereItIsWhatItHoldsAndItsFigures() async throws {
        try await withTestApp { client in
            let morocco = try await pageHTML(client, "/fr/territories/MA")
            #expect(morocco.contains("<h1>Maroc</h1>"))
            #expect(morocco.contains("href=\"/fr/territories/MA-09\""))
            #expect(morocco.contains("href=\"/fr/indicators/6.1.1\""))
            #expect(morocco.contains("href=\"/fr/practices/cle-en-mediterranee\""))
            let tubas = try await pageHTML(client, "/ar/territories/ps-tbs")
            // Its ancestors, in Arabic.
            #expect(tubas.contains("href=\"/ar/territories/PS\">فلسطين</a>"))
            let missing = try await client.execute(uri: "/fr/territories/XX-NOWHERE", method: .get)
            #expect(missing.status == .notFound)
        }
    }
}
