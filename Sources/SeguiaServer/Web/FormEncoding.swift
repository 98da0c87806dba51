import Foundation

/// Query strings as forms write them, for the links pages make.
enum FormEncoding {
    /// Letters, digits, `-._~` and the commas of code lists kept, spaces as `+`, the rest percent-encoded.
    static func encoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~, ")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(of: " ", with: "+")
    }

    /// `name=value&…` in the order given.
    static func query(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { "\($0.name)=\(encoded($0.value))" }.joined(separator: "&")
    }
}
