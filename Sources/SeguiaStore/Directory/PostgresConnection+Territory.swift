import Logging
import PostgresNIO
import SeguiaCore

extension PostgresConnection {
    /// Fails with `AppError.invalid` on `field` when no territory has `code`, so that a filter
    /// naming an unknown territory is reported instead of answering an empty list.
    func requireTerritory(_ code: String, field: String, logger: Logger) async throws {
        _ = try await territoryID(code, field: field, logger: logger)
    }

    /// The id of the territory with `code`, or `AppError.invalid` on `field`.
    func territoryID(_ code: String, field: String, logger: Logger) async throws -> Int64 {
        let rows = try await query("SELECT territory_id FROM territories WHERE code = \(code)", logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw AppError.invalid(field: field, reason: "no territory has the code '\(code)'")
    }
}
