/// Why a document could not be read: `unsupported` is a kind Seguia does not read (415),
/// `unreadable` a document of a known kind that is damaged, empty or refused (422).
public enum DocumentReadError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupported(String)
    case unreadable(String)

    public var description: String {
        switch self {
        case .unsupported(let message), .unreadable(let message): message
        }
    }
}
