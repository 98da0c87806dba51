import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// An SMTP relay on a local port that keeps what it is sent, speaking the protocol's plain
/// form: what the server's mailer meets in front of a relay such as Postfix. Addresses in
/// `refusing` get 550 at RCPT.
final class SMTPRelayDouble: Sendable {
    struct Received: Sendable {
        var from: String
        var to: [String]
        var data: String
    }

    private let state = NIOLockedValueBox<[Received]>([])
    private let channel: any Channel
    let refusing: Set<String>

    var port: Int { channel.localAddress?.port ?? 0 }
    var received: [Received] { state.withLockedValue { $0 } }

    init(refusing: Set<String> = []) async throws {
        self.refusing = refusing
        let box = state
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(SessionHandler(refusing: refusing, keep: { mail in box.withLockedValue { $0.append(mail) } }))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func close() async throws {
        try await channel.close()
    }

    private final class SessionHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let refusing: Set<String>
        let keep: @Sendable (Received) -> Void
        var pending: [UInt8] = []
        var inData = false
        var current = Received(from: "", to: [], data: "")

        init(refusing: Set<String>, keep: @escaping @Sendable (Received) -> Void) {
            self.refusing = refusing
            self.keep = keep
        }

        func channelActive(context: ChannelHandlerContext) {
            say("220 relay.test ESMTP", context)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            pending += buffer.readBytes(length: buffer.readableBytes) ?? []
            while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeSubrange(...end)
                if line.hasSuffix("\r") { line.removeLast() }
                handle(line, context)
            }
        }

        private func handle(_ line: String, _ context: ChannelHandlerContext) {
            if inData {
                if line == "." {
                    inData = false
                    keep(current)
                    current = Received(from: "", to: [], data: "")
                    say("250 queued", context)
                } else {
                    current.data += line + "\r\n"
                }
                return
            }
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                say("250-relay.test\r\n250-AUTH PLAIN\r\n250 8BITMIME", context)
            } else if upper.hasPrefix("MAIL FROM:") {
                current.from = String(line.dropFirst(10)).trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
                say("250 sender ok", context)
            } else if upper.hasPrefix("RCPT TO:") {
                let address = String(line.dropFirst(8)).trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
                if refusing.contains(address) {
                    say("550 5.1.1 no such mailbox", context)
                } else {
                    current.to.append(address)
                    say("250 recipient ok", context)
                }
            } else if upper == "DATA" {
                inData = true
                say("354 go ahead", context)
            } else if upper.hasPrefix("AUTH") {
                say("235 welcome", context)
            } else if upper == "QUIT" {
                say("221 bye", context)
                context.close(promise: nil)
            } else {
                say("502 not here", context)
            }
        }

        private func say(_ text: String, _ context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }
    }
}
