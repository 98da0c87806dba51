import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `postmaster.pid` says about the cluster, checked against the live processes.
enum ClusterProcessState: Equatable {
    case running(port: Int)
    /// The file names a process that is gone, or that is not PostgreSQL.
    case stale(pid: Int32)
    case stopped

    /// The process id `postmaster.pid` names, if the file exists.
    static func postmasterPID(clusterDirectory: String) -> Int32? {
        guard let text = try? String(contentsOfFile: clusterDirectory + "/postmaster.pid", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    static func read(clusterDirectory: String) -> ClusterProcessState {
        guard let text = try? String(contentsOfFile: clusterDirectory + "/postmaster.pid", encoding: .utf8) else {
            return .stopped
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let pid = lines.first.flatMap({ Int32($0.trimmingCharacters(in: .whitespaces)) }), pid > 0 else {
            return .stale(pid: 0)
        }
        guard isPostgresProcess(pid) else { return .stale(pid: pid) }
        guard lines.count > 7, let port = Int(lines[3].trimmingCharacters(in: .whitespaces)),
            lines[7].trimmingCharacters(in: .whitespaces) == "ready"
        else {
            // Alive but still starting or stopping: report it as running only once ready.
            return .stopped
        }
        return .running(port: port)
    }

    private static func isPostgresProcess(_ pid: Int32) -> Bool {
        guard isRunning(pid) else { return false }
        guard let name = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else {
            // No /proc (macOS): a live process is taken to be PostgreSQL.
            return !FileManager.default.fileExists(atPath: "/proc/self")
        }
        let command = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return command == "postgres" || command == "postmaster"
    }
}

/// Whether `pid` is a live process. A zombie (exited, not yet reaped: an orphaned postmaster
/// under an init that does not reap) is not.
public func isRunning(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 || errno == EPERM else { return false }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let closing = stat.lastIndex(of: ")")
    else { return true }
    // The state letter follows the parenthesised command name.
    let state = stat[stat.index(after: closing)...].trimmingCharacters(in: .whitespaces).first
    return state != "Z" && state != "X"
}
