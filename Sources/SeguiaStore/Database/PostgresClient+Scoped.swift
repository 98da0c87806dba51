import Logging
import PostgresNIO

/// Runs `body` with a client whose pool runs only for the duration of the call.
///
/// For commands and set-up steps; the server runs its pool as a service instead.
public func withPostgresClient<Result: Sendable>(
    _ endpoint: DatabaseEndpoint,
    maximumConnections: Int = 4,
    logger: Logger,
    isolation: isolated (any Actor)? = #isolation,
    _ body: (PostgresClient) async throws -> Result
) async throws -> Result {
    // The pool starts in a task of its own, so the first lease may come before `run()`;
    // PostgresNIO warns about that in the background log, which is noise here.
    var backgroundLogger = logger
    backgroundLogger.logLevel = max(logger.logLevel, .error)
    let client = PostgresClient(
        configuration: endpoint.clientConfiguration(maximumConnections: maximumConnections), backgroundLogger: backgroundLogger)
    let pool = Task { await client.run() }
    do {
        let result = try await body(client)
        pool.cancel()
        await pool.value
        return result
    } catch {
        pool.cancel()
        await pool.value
        throw error
    }
}
