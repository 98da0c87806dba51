import Foundation
import SeguiaCore
import Testing

@Suite struct TerritoryCodeTests {
    @Test(arguments: ["FR", "FR-OCC", "MA-06", "PS-TBS", "FR-34-MMM", "MA-TAR-ARGHEN"])
    func acceptsISOAndDerivedCodes(_ code: String) {
        #expect(TerritoryCode.isValid(code))
    }

    @Test(arguments: ["", "fr-occ", "FR--OCC", "-FR", "FR-", "FR OCC", "FR-OCC'; DROP TABLE territories; --", String(repeating: "A", count: 33)])
    func rejectsMalformedCodes(_ code: String) {
        #expect(!TerritoryCode.isValid(code))
    }

    @Test func normalisesCaseAndSpaces() {
        #expect(TerritoryCode.normalise("  fr-occ ") == "FR-OCC")
    }
}
