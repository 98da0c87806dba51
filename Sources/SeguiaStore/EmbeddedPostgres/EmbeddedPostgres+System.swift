import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file: held for the life of the owning process, released by the kernel when it dies.
final class OwnerLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// `nil` when another process holds the lock.
    static func acquire(path: String) throws -> OwnerLock? {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            close(descriptor)
            return nil
        }
        return OwnerLock(descriptor: descriptor)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

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

/// The account PostgreSQL's programs run under: ourselves, or an unprivileged user when we are root.
struct SystemUser {
    var name: String
    var uid: uid_t
    var gid: gid_t
    var isSwitchingUser: Bool

    static func runnerForPostgres() throws -> SystemUser {
        guard geteuid() == 0 else {
            return SystemUser(name: "", uid: geteuid(), gid: getegid(), isSwitchingUser: false)
        }
        for candidate in ["postgres", "nobody"] {
            if let entry = getpwnam(candidate) {
                return SystemUser(name: candidate, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid, isSwitchingUser: true)
            }
        }
        throw EmbeddedPostgresError.noUnprivilegedUser
    }

    static let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The command line that runs `executable` as this user.
    func commandLine(_ executable: String, _ arguments: [String]) -> (String, [String]) {
        guard isSwitchingUser else { return (executable, arguments) }
        if let runuser = Self.runuser {
            return (runuser, ["-u", name, "--", executable] + arguments)
        }
        return ("/usr/bin/setpriv", ["--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", executable] + arguments)
    }

    func run(_ executable: String, _ arguments: [String], in directory: String) async throws -> ProcessRunner.Output {
        let (program, fullArguments) = commandLine(executable, arguments)
        return try await ProcessRunner.run(program, fullArguments, currentDirectory: directory)
    }

    /// Starts a shell that waits for `parentPID` to exit, runs `command` as this user, then
    /// removes `removing` (when given) as the calling user.
    func spawnWatchdog(parentPID: Int32, command: [String], removing: String?) throws {
        let (program, arguments) = commandLine(command[0], Array(command.dropFirst()))
        let script = """
            parent="$0"; target="$1"; shift 2
            while kill -0 "$parent" 2>/dev/null; do sleep 1; done
            "$@" >/dev/null 2>&1
            if [ -n "$target" ]; then rm -rf "$target"; fi
            """
        try ProcessRunner.spawnDetached("/bin/sh", ["-c", script, String(parentPID), removing ?? "", program] + arguments)
    }

    /// Fails with a clear message when a parent of `path` keeps this user out (a 0700 home
    /// directory, say): initdb would otherwise fail with a bare "permission denied".
    func checkCanReach(_ path: String) throws {
        var directory = (path as NSString).deletingLastPathComponent
        while !directory.isEmpty && directory != "/" {
            var info = stat()
            if stat(directory, &info) == 0, info.st_uid != uid, info.st_mode & 0o001 == 0 {
                throw EmbeddedPostgresError.unreachableDataDirectory(path: path, blockedBy: directory, user: name)
            }
            directory = (directory as NSString).deletingLastPathComponent
        }
    }

    /// Creates a directory (0700) owned by this user; parents stay traversable for it.
    func makeOwnedDirectory(_ path: String) throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: path, withIntermediateDirectories: true)
        if isSwitchingUser {
            let parent = (path as NSString).deletingLastPathComponent
            chmod(parent, 0o755)
            guard chown(path, uid, gid) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EPERM) }
        }
        chmod(path, 0o700)
    }

    /// Writes a file this user can read.
    func writeOwnedFile(_ path: String, contents: String) throws {
        try contents.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        if isSwitchingUser {
            guard chown(path, uid, gid) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EPERM) }
        }
    }
}

/// The superuser name and password of an embedded cluster, known only to its data directory.
struct Credentials: Codable {
    var username: String
    var password: String

    static func randomPassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(UInt8.random(in: 0...15, using: &generator), radix: 16) }.joined()
    }

    static func read(path: String) throws -> Credentials {
        guard let data = FileManager.default.contents(atPath: path),
            let credentials = try? JSONDecoder().decode(Credentials.self, from: data)
        else { throw EmbeddedPostgresError.badCredentialsFile(path) }
        return credentials
    }

    func write(path: String) throws {
        let data = try JSONEncoder().encode(self)
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw EmbeddedPostgresError.badCredentialsFile(path)
        }
    }
}

/// A loopback TCP port nobody listens on right now.
enum FreePort {
    static func find() throws -> Int {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
