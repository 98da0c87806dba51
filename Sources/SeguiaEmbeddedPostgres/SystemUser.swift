import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
