import Foundation
import Hummingbird

/// The request context of every route: Hummingbird's basic context with Seguia's JSON style.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Keys in a stable order and URLs unescaped, so answers diff cleanly and read well.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
