import Hummingbird
import NIOCore

/// Tells when the client of a request has gone, even while the server has nothing to write.
///
/// Hummingbird allows half-closed connections, so a client that closes its socket while a long
/// query is still sorting closes only the input side: the channel stays open, and a failed
/// write would be the first sign, once the query has done all its work. This watch also
/// completes on that half-close.
struct ClientDeparture: Sendable {
    /// Completes when the client closes its side of the connection or the connection ends, or
    /// when the watch is removed; nil when the channel could not be watched (the failed write
    /// is then the only sign, as before).
    let departed: EventLoopFuture<Void>?
    private let channel: any Channel
    private let watcher: NIOLoopBound<Watcher>?

    /// Starts watching `channel`; `remove()` ends the watch.
    static func watch(_ channel: any Channel) async -> ClientDeparture {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        let watcher = try? await channel.eventLoop.submit {
            let watcher = Watcher(promise: promise)
            do {
                try channel.pipeline.syncOperations.addHandler(watcher, position: .first)
            } catch {
                watcher.complete()
                throw error
            }
            let bound = NIOLoopBound(watcher, eventLoop: channel.eventLoop)
            channel.closeFuture.whenComplete { _ in bound.value.complete() }
            return bound
        }.get()
        return ClientDeparture(departed: watcher == nil ? nil : promise.futureResult, channel: channel, watcher: watcher)
    }

    func remove() {
        guard let watcher else { return }
        let channel = self.channel
        channel.eventLoop.execute {
            watcher.value.complete()
            if watcher.value.isAdded { _ = try? channel.pipeline.syncOperations.removeHandler(watcher.value) }
        }
    }

    /// Lives on the channel's event loop: added there, told of events there, removed there.
    final class Watcher: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = Any
        private let promise: EventLoopPromise<Void>
        private var completed = false
        private(set) var isAdded = false

        init(promise: EventLoopPromise<Void>) {
            self.promise = promise
        }

        func complete() {
            guard !completed else { return }
            completed = true
            promise.succeed()
        }

        func handlerAdded(context: ChannelHandlerContext) {
            isAdded = true
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            isAdded = false
            complete()
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case .some(.inputClosed) = event as? ChannelEvent { complete() }
            context.fireUserInboundEventTriggered(event)
        }

        func channelInactive(context: ChannelHandlerContext) {
            complete()
            context.fireChannelInactive()
        }
    }
}
