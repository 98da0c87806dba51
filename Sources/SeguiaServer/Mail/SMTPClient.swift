import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Sends mails to an SMTP relay, one conversation per mail (a notification is a handful of mails
/// a day): EHLO, STARTTLS where the settings ask for it, AUTH PLAIN when they hold a user, then
/// MAIL, RCPT, DATA. Any reply but the expected one fails the mail with the relay's words; a
/// relay that stops answering is dropped after `timeout`.
struct SMTPClient: Sendable {
    let settings: SMTPSettings
    var timeout: TimeAmount = .seconds(60)
    var group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One reply of the relay: its code and its lines' text.
    struct Reply: Sendable {
        var code: Int
        var lines: [String]
    }

    func send(_ message: MailMessage) async throws {
        guard SMTPSettings.isMailbox(message.to), SMTPSettings.isMailbox(message.from) else {
            throw Failure(description: "'\(message.to)' cannot be written in an SMTP command")
        }
        let (replies, continuation) = AsyncThrowingStream<Reply, any Error>.makeStream()
        let tls = settings.security == .plain ? nil : try NIOSSLContext(configuration: .makeClientConfiguration())
        let host = settings.host
        let implicitTLS = settings.security == .tls
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(15))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS, let tls {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: host))
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(continuation))
                }
            }
            .connect(host: settings.host, port: settings.port).get()
        let deadline = channel.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        var conversation = Conversation(channel: channel, replies: replies.makeAsyncIterator())
        try await conversation.expect(220, after: nil)
        var features = try await conversation.command("EHLO seguia", expect: 250)
        if settings.security == .startTLS, let tls {
            guard features.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                throw Failure(description: "the relay \(host) does not offer STARTTLS, which smtp:// requires (smtp+plain:// speaks in clear)")
            }
            try await conversation.command("STARTTLS", expect: 220)
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: host), position: .first)
            }.get()
            features = try await conversation.command("EHLO seguia", expect: 250)
        }
        if let username = settings.username {
            let secret = Data("\0\(username)\0\(settings.password ?? "")".utf8).base64EncodedString()
            try await conversation.command("AUTH PLAIN \(secret)", expect: 235, shown: "AUTH PLAIN …")
        }
        try await conversation.command("MAIL FROM:<\(message.from)>", expect: 250)
        try await conversation.command("RCPT TO:<\(message.to)>", expect: 250, alsoAccepting: 251)
        try await conversation.command("DATA", expect: 354)
        try await conversation.write(message.rendered() + ".\r\n")
        try await conversation.expect(250, after: "the message")
        _ = try? await conversation.command("QUIT", expect: 221)
    }

    private struct Conversation {
        let channel: any Channel
        var replies: AsyncThrowingStream<Reply, any Error>.AsyncIterator

        func write(_ text: String) async throws {
            try await channel.writeAndFlush(ByteBuffer(string: text))
        }

        @discardableResult
        mutating func command(_ line: String, expect code: Int, alsoAccepting other: Int? = nil, shown: String? = nil) async throws -> Reply {
            try await write(line + "\r\n")
            return try await expect(code, alsoAccepting: other, after: shown ?? line)
        }

        @discardableResult
        mutating func expect(_ code: Int, alsoAccepting other: Int? = nil, after sent: String?) async throws -> Reply {
            guard let reply = try await replies.next() else {
                throw Failure(description: "the relay closed the connection" + (sent.map { " after \($0)" } ?? ""))
            }
            guard reply.code == code || reply.code == other else {
                throw Failure(description: "the relay answered \(reply.code) \(reply.lines.joined(separator: " "))" + (sent.map { " to \($0)" } ?? ""))
            }
            return reply
        }
    }
}

/// Cuts what the relay says into replies: lines `250-…` go on, `250 …` ends one.
private final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let continuation: AsyncThrowingStream<SMTPClient.Reply, any Error>.Continuation
    private var pending: [UInt8] = []
    private var lines: [String] = []

    init(_ continuation: AsyncThrowingStream<SMTPClient.Reply, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeSubrange(...end)
            if line.hasSuffix("\r") { line.removeLast() }
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                continuation.finish(throwing: SMTPClient.Failure(description: "the relay said something that is not SMTP: \(line.prefix(80))"))
                return
            }
            lines.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                continuation.yield(SMTPClient.Reply(code: code, lines: lines))
                lines = []
            }
        }
        if pending.count > 4096 {
            continuation.finish(throwing: SMTPClient.Failure(description: "the relay sent a line longer than SMTP allows"))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }
}
