import Logging
import SeguiaStore
import ServiceLifecycle

/// Checks the read replicas every `interval` (reachable, how late), so that a request picks one
/// from what is known instead of asking first; runs as long as the server does.
struct ReplicaMonitor: Service {
    let primary: Database
    let replicas: ReadReplicas
    var interval: Duration = .seconds(1)
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await replicas.check(primary: primary, logger: logger)
                try? await Task.sleep(for: interval)
            }
        }
    }
}
