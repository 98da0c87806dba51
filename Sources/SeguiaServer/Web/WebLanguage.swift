import Foundation
import SeguiaCore

/// The language of a page: the first segment of its path (`/fr/…`, `/en/…`, `/ar/…`), or, for
/// the root and for addresses outside those, the reader's `Accept-Language`.
enum WebLanguage {
    /// The best of the three for an `Accept-Language` header (`ar-MA,ar;q=0.9,fr;q=0.8`);
    /// French when none is asked for.
    static func negotiated(_ header: String?) -> Language {
        guard let header else { return .fr }
        var best: (language: Language, weight: Double, order: Int)?
        for (order, part) in header.split(separator: ",").enumerated() {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = fields.first?.lowercased(), !tag.isEmpty else { continue }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard let language = Language(rawValue: primary) else { continue }
            var weight = 1.0
            for field in fields.dropFirst() where field.lowercased().hasPrefix("q=") {
                weight = Double(field.dropFirst(2)) ?? 0
            }
            guard weight > 0 else { continue }
            if best == nil || weight > best!.weight { best = (language, weight, order) }
        }
        return best?.language ?? .fr
    }

    /// The language a path starts with, if any.
    static func of(path: String) -> Language? {
        let first = path.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        return Language(rawValue: first)
    }

    static func direction(_ language: Language) -> String { language == .ar ? "rtl" : "ltr" }
}
