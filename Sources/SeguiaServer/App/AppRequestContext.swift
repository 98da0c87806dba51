import Foundation
import Hummingbird
import NIOCore
import SeguiaCore

/// The request context of every route: Hummingbird's basic context with Seguia's JSON style
/// and the caller's identity.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by the authentication middleware when a valid token was presented.
    public var identity: Identity?
    /// The client's connection: a long answer still being prepared watches it to learn that
    /// nobody is waiting any more.
    public let channel: any Channel

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Keys in a stable order and URLs unescaped, so answers diff cleanly and read well.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// A context that knows who is calling.
protocol IdentifiedRequestContext: RequestContext {
    var identity: Identity? { get set }
    var channel: any Channel { get }
}

extension AppRequestContext: IdentifiedRequestContext {}
