import Logging
import PostgresNIO
import SeguiaCore

extension PostgresConnection {
    /// Fails with `AppError.invalid` on `field` when no territory has `code`, so that a filter
    /// naming an unknown territory is reported instead of answering an empty list.
    func requireTerritory(_ code: String, field: String, logger: Logger) async throws {
        let rows = try await query("SELECT 1 FROM territories WHERE code = \(code)", logger: logger)
        for try await _ in rows { return }
        throw AppError.invalid(field: field, reason: "no territory has the code '\(code)'")
    }
}
