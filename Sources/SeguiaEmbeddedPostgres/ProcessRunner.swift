import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs external programs with `posix_spawn`.
///
/// Foundation's `Process` was seen leaving children unreaped (and its caller waiting forever)
/// while other threads were spawning too; spawning and `waitpid` by hand avoids that. Children
/// get default signal dispositions and an empty mask, whatever the server set for itself.
package enum ProcessRunner {
    // POSIX_SPAWN_SETSID is not exported to Swift by glibc's headers; these are its values.
    #if os(Linux)
    private static let spawnSetSessionFlag: Int32 = 0x80
    #else
    private static let spawnSetSessionFlag: Int32 = 0x400
    #endif

    package struct Output {
        package var status: Int32
        package var text: String
    }

    /// Runs `executable` to completion; stdout and stderr are captured together. Past `timeout`
    /// the program is killed (status 128 + SIGKILL).
    package static func run(
        _ executable: String, _ arguments: [String], currentDirectory: String? = nil, timeout: Duration? = nil
    ) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            // Reading and waiting block a thread; keep them off the cooperative pool.
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(executable, arguments, currentDirectory: currentDirectory, timeout: timeout) })
            }
        }
    }

    /// Starts a program in its own session that outlives this call, with no input or output.
    static func spawnDetached(_ executable: String, _ arguments: [String]) throws {
        _ = try pipeCreation.withLock { _ in try spawn(executable, arguments, currentDirectory: nil, outputDescriptor: nil, newSession: true) }
    }

    /// Starts a program writing stdout and stderr to `logPath`; reap it with `waitForExit`.
    package static func start(_ executable: String, _ arguments: [String], logPath: String) throws -> pid_t {
        let descriptor = open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        return try pipeCreation.withLock { _ in
            try spawn(executable, arguments, currentDirectory: nil, outputDescriptor: descriptor, newSession: false)
        }
    }

    /// Waits for a started program to end and returns its exit status (128 + signal when killed).
    package static func waitForExit(_ pid: pid_t) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: reap(pid)) }
        }
    }

    private static func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        return exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Held while a pipe exists without close-on-exec, so that no concurrent spawn inherits it:
    /// a child holding another's pipe would keep that reader waiting for its end forever.
    private static let pipeCreation = Mutex(())

    private static func runBlocking(_ executable: String, _ arguments: [String], currentDirectory: String?, timeout: Duration?) throws -> Output {
        var descriptors: [Int32] = [-1, -1]
        let pid: pid_t = try pipeCreation.withLock { _ in
            guard pipe(&descriptors) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
            do {
                return try spawn(executable, arguments, currentDirectory: currentDirectory, outputDescriptor: descriptors[1], newSession: false)
            } catch {
                close(descriptors[0])
                close(descriptors[1])
                throw error
            }
        }
        close(descriptors[1])
        let finished = Mutex(false)
        if let timeout {
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)
                // Only a child not yet reaped is killed: its pid cannot have been reused.
                finished.withLock { done in if !done { kill(pid, SIGKILL) } }
            }
        }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = read(descriptors[0], &chunk, chunk.count)
            if count > 0 {
                output.append(contentsOf: chunk[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(descriptors[0])
        let status = finished.withLock { done in
            done = true
            return reap(pid)
        }
        return Output(status: status, text: String(decoding: output, as: UTF8.self))
    }

    private static func spawn(
        _ executable: String, _ arguments: [String], currentDirectory: String?, outputDescriptor: Int32?, newSession: Bool
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let outputDescriptor {
            posix_spawn_file_actions_adddup2(&actions, outputDescriptor, 1)
            posix_spawn_file_actions_adddup2(&actions, outputDescriptor, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if newSession { flags |= spawnSetSessionFlag }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        // posix_spawn cannot change directory portably: a shell does it, then becomes the program.
        var program = executable
        var commandLine = [executable] + arguments
        if let currentDirectory {
            program = "/bin/sh"
            commandLine = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", currentDirectory] + commandLine
        }
        let argv: [UnsafeMutablePointer<CChar>?] = commandLine.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw EmbeddedPostgresError.commandFailed(command: executable, status: result, output: String(cString: strerror(result)))
        }
        return pid
    }
}
