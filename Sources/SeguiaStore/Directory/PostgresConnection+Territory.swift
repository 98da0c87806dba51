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

    /// The ids of the territories with `codes`, in their order, read in one statement; the first
    /// unknown one is `AppError.invalid` on `field`.
    func territoryIDs(_ codes: [String], field: String, logger: Logger) async throws -> [Int64] {
        guard !codes.isEmpty else { return [] }
        let rows = try await query("SELECT code, territory_id FROM territories WHERE code = ANY(\(codes))", logger: logger)
        var ids: [String: Int64] = [:]
        for try await (code, id) in rows.decode((String, Int64).self) { ids[code] = id }
        return try codes.map { code in
            guard let id = ids[code] else { throw AppError.invalid(field: field, reason: "no territory has the code '\(code)'") }
            return id
        }
    }
}
