import Foundation

/// A capitalisation sheet read from plain text or Markdown, before anyone reviews it.
public struct ImportedPractice: Equatable, Sendable {
    public var title: String?
    /// The first substantial paragraph before the first recognised part (also kept in `sections`).
    public var summary: String?
    /// The name written after "Pratique déployée par" / "Practice deployed by", if any.
    public var deployedBy: String?
    /// Every part of the document in order; nothing of the input is left out.
    public var sections: [PracticeSection]

    public init(title: String? = nil, summary: String? = nil, deployedBy: String? = nil, sections: [PracticeSection] = []) {
        self.title = title
        self.summary = summary
        self.deployedBy = deployedBy
        self.sections = sections
    }
}

/// Turns a sheet written as a document into sections.
///
/// Parts are recognised from their headings (French and English, with their usual variants, as
/// Markdown `#` headings or as short lines standing alone); bullets (▶ - • * – and numbered)
/// become list items; paragraphs made of « quoted » testimonies become quotes with their
/// attribution. Text before the first recognised heading, and under headings that match no
/// part, goes to `other`: every word of the input ends up in exactly one place of a section.
public enum PracticeDocumentParser {
    public static func parse(_ document: String) -> ImportedPractice {
        var builder = Builder()
        let lines = document.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        for (index, line) in lines.enumerated() {
            let previousBlank = index == 0 || lines[index - 1].isEmpty
            let nextBlank = index + 1 == lines.count || lines[index + 1].isEmpty
            builder.consume(line, standsAlone: previousBlank && nextBlank)
        }
        return builder.finish()
    }

    /// The part a heading names, or `nil` when it names none.
    public static func sectionKey(forHeading heading: String) -> SectionKey? {
        var words = HeadingText.words(heading)
        while let first = words.first, HeadingText.leadingNoise.contains(first) || first.allSatisfy(\.isNumber) {
            words.removeFirst()
        }
        guard !words.isEmpty, words.count <= 10 else { return nil }
        for (key, patterns) in HeadingText.patterns {
            for pattern in patterns where words.starts(with: pattern) {
                return key
            }
        }
        return nil
    }

    private struct Builder {
        var sections: [PracticeSection] = [PracticeSection(key: .other)]
        var paragraph: [String] = []
        /// Set while the lines that follow, with no blank line between, continue the last item.
        var itemIsOpen = false
        var firstHeadingTitle: String?
        var sawRecognisedHeading = false

        mutating func consume(_ line: String, standsAlone: Bool) {
            if line.isEmpty {
                flushParagraph()
                itemIsOpen = false
                return
            }
            if let (level, title) = markdownHeading(line) {
                flushParagraph()
                itemIsOpen = false
                let key = sectionKey(forHeading: title)
                if key == nil, level == 1, firstHeadingTitle == nil, !sawRecognisedHeading {
                    // A first top-level heading naming no part is the document's title.
                    firstHeadingTitle = title
                    appendText(title)
                    return
                }
                startSection(key ?? .other, title: title)
                return
            }
            if standsAlone, isHeadingCandidate(line), let key = sectionKey(forHeading: line) {
                flushParagraph()
                itemIsOpen = false
                startSection(key, title: line)
                return
            }
            if let item = listItem(line) {
                flushParagraph()
                sections[sections.count - 1].items.append(item)
                itemIsOpen = true
                return
            }
            if itemIsOpen, paragraph.isEmpty {
                let last = sections[sections.count - 1].items.count - 1
                sections[sections.count - 1].items[last] += " " + stripEmphasis(line)
                return
            }
            paragraph.append(line)
        }

        mutating func startSection(_ key: SectionKey, title: String) {
            sawRecognisedHeading = sawRecognisedHeading || key != .other
            sections.append(PracticeSection(key: key, title: stripEmphasis(title)))
        }

        mutating func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            let text = paragraph.joined(separator: " ")
            paragraph.removeAll()
            if let quotes = QuoteText.quotes(in: text) {
                sections[sections.count - 1].quotes += quotes
            } else {
                appendText(text)
            }
        }

        mutating func appendText(_ text: String) {
            let current = sections[sections.count - 1].text
            sections[sections.count - 1].text = current.isEmpty ? text : current + "\n\n" + text
        }

        mutating func finish() -> ImportedPractice {
            flushParagraph()
            let preamble = sections[0]
            let kept = sections.enumerated().filter { index, section in !(section.isEmpty && section.title == nil) }.map(\.element)
            let paragraphs = preamble.text.components(separatedBy: "\n\n")
            let title = firstHeadingTitle ?? paragraphs.lazy.map(stripEmphasis).first(where: { !HeadingText.isDocumentLabel($0) && !$0.isEmpty })
            let summary = paragraphs.dropFirst().first(where: { $0.count >= 120 && !$0.hasPrefix("*") })
            var deployedBy: String?
            for (index, paragraph) in paragraphs.enumerated() {
                guard let rest = HeadingText.afterDeploymentLabel(paragraph) else { continue }
                deployedBy = rest.isEmpty ? paragraphs.dropFirst(index + 1).first : rest
                break
            }
            return ImportedPractice(title: title, summary: summary, deployedBy: deployedBy, sections: kept)
        }

        private func markdownHeading(_ line: String) -> (Int, String)? {
            let hashes = line.prefix(while: { $0 == "#" }).count
            guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
            let title = line.dropFirst(hashes).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "#"))
                .trimmingCharacters(in: .whitespaces)
            return title.isEmpty ? nil : (hashes, title)
        }

        /// Short, not a sentence, not a label introducing what follows ("Pré-requis :").
        private func isHeadingCandidate(_ line: String) -> Bool {
            guard line.count <= 100, listItem(line) == nil, let last = line.last else { return false }
            return !":;,.".contains(last)
        }

        private func listItem(_ line: String) -> String? {
            var rest = Substring(line)
            var isItem = false
            while true {
                if let first = rest.first, "▶►•◦▪‣–-*+".contains(first), rest.dropFirst().first == " " {
                    rest = rest.dropFirst(2).drop(while: { $0 == " " })
                    isItem = true
                    continue
                }
                // A numbered item keeps its number: it is part of the text, and of its order.
                let digits = rest.prefix(while: \.isNumber)
                if !isItem, (1...3).contains(digits.count), let marker = rest.dropFirst(digits.count).first, ".)".contains(marker),
                    rest.dropFirst(digits.count + 1).first == " "
                {
                    isItem = true
                }
                break
            }
            guard isItem, !rest.isEmpty else { return nil }
            return stripEmphasis(String(rest))
        }
    }

    /// Removes Markdown emphasis markers (`**`, `__`, and `*` or `_` around words), keeping the words.
    static func stripEmphasis(_ text: String) -> String {
        var result = text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
        if result.hasPrefix("*") && result.hasSuffix("*") && result.count > 1 {
            result = String(result.dropFirst().dropLast())
        }
        return result.trimmingCharacters(in: .whitespaces)
    }
}

/// Normalised heading text and the vocabulary of part names.
enum HeadingText {
    /// Lower case, without accents or punctuation, ligatures spelled out, split into words.
    static func words(_ text: String) -> [String] {
        let folded = text.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "’", with: "'")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
            .lowercased()
        var words: [String] = []
        var current = ""
        for character in folded {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        // Elided articles ("l'approche", "d'action") count as their noun.
        return words.filter { !["l", "d", "qu"].contains($0) }
    }

    static let leadingNoise: Set<String> = [
        "les", "la", "le", "des", "du", "de", "nos", "notre", "principaux", "principales", "principal", "principale",
        "the", "our", "main", "key", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "partie", "part", "section",
    ]

    /// Patterns tried in this order: more specific parts before the catch-all "démarche" of the approach.
    static let patterns: [(SectionKey, [[String]])] = [
        (.contextNeed, phrases(["besoin", "besoins", "contexte", "context", "background", "situation initiale", "problematique", "constat", "need", "needs", "initial need", "starting point"])),
        (.interest, phrases(["interet", "interets", "enjeux", "interest", "why it matters", "added value", "valeur ajoutee", "benefits for"])),
        (.targets, phrases(["collectivites ciblees", "collectivites concernees", "public cible", "publics cibles", "cibles", "cible", "beneficiaires", "targets", "target", "target groups", "targeted", "who it is for"])),
        (.objectives, phrases(["objectifs", "objectif", "objectives", "objective", "goals", "goal", "aims", "purpose", "finalite", "ce que nous voulions", "ce que nous voulions faire", "what we wanted"])),
        (.results, phrases(["resultats", "resultat", "results", "outcomes", "achievements", "impacts", "impact", "effets", "what came out", "what came out of it", "what changed", "ce qui a change", "ce que cela a change", "ce que ca a change"])),
        (.calendar, phrases(["calendrier", "chronologie", "duree", "planning", "calendar", "timeline", "schedule", "duration", "timeframe"])),
        (.resources, phrases(["ressources", "moyens", "financement", "financements", "budget", "resources", "funding", "means", "costs"])),
        (.actors, phrases(["acteurs", "acteur", "partenaires", "parties prenantes", "actors", "stakeholders", "partners", "who was involved", "roles"])),
        (.tools, phrases(["outils", "outil", "tools", "instruments", "supports"])),
        (.levers, phrases(["leviers", "levier", "facteurs de reussite", "facteurs cles de succes", "points forts", "levers", "success factors", "what worked", "enablers", "strengths", "ce qui a marche", "ce qui a fonctionne", "cles de reussite"])),
        (.limits, phrases(["limites", "limite", "difficultes", "freins", "contraintes", "points de vigilance", "limits", "limitations", "challenges", "difficulties", "obstacles", "constraints", "weaknesses", "hurdles", "pitfalls", "what held it back", "ce qui a coince", "ce qui n a pas marche", "ce qui n a pas fonctionne", "what did not work"])),
        (.lessons, phrases(["enseignements", "lecons", "lecons apprises", "apprentissages", "lessons", "lessons learned", "lessons learnt", "learnings", "takeaways", "a retenir", "ce que nous retenons", "ce que nous avons appris", "what we learned", "what we learnt"])),
        (.recommendations, phrases(["recommandations", "recommandation", "preconisations", "conseils", "recommendations", "recommendation", "advice", "tips"])),
        (.perspectives, phrases(["perspectives", "suites", "suite", "prochaines etapes", "et apres", "perspective", "next steps", "outlook", "way forward", "future", "follow up"])),
        (.quotes, phrases(["temoignages", "temoignage", "citations", "paroles", "verbatim", "testimonies", "testimonials", "quotes", "voices"])),
        (.approach, phrases(["approche", "demarche", "methodologie", "methode", "deroulement", "mise en oeuvre", "etapes", "phases", "approach", "method", "methodology", "implementation", "process", "steps", "activities", "activites", "how we did it", "how it was done", "what we did", "ce que nous avons fait", "comment nous avons fait", "comment"])),
    ]

    private static func phrases(_ list: [String]) -> [[String]] {
        list.map { $0.split(separator: " ").map(String.init) }
    }

    /// "Fiche de capitalisation" and the like: a label of the document type, not its title.
    static func isDocumentLabel(_ text: String) -> Bool {
        let normalised = words(text).joined(separator: " ")
        return ["fiche de capitalisation", "fiche capitalisation", "capitalisation sheet", "fiche pratique", "fiche", "capitalisation"]
            .contains(normalised)
    }

    /// The text after "Pratique déployée par" (or an equivalent) opening `paragraph`; `nil` without such a label.
    static func afterDeploymentLabel(_ paragraph: String) -> String? {
        let labels = ["Pratique déployée par", "Pratique portée par", "Porté par", "Porteur :", "Porteur", "Practice deployed by", "Deployed by", "Led by"]
        for label in labels where paragraph.range(of: label, options: [.anchored, .caseInsensitive, .diacriticInsensitive]) != nil {
            return String(paragraph.dropFirst(label.count)).trimmingCharacters(in: CharacterSet(charactersIn: " :"))
        }
        return nil
    }
}

/// Paragraphs that consist only of quoted testimonies, optionally followed by who speaks.
enum QuoteText {
    private static let pairs: [(Character, Character)] = [("«", "»"), ("“", "”"), ("\"", "\"")]

    /// The quotes of `paragraph`, or `nil` if it holds anything besides quotes and an attribution.
    static func quotes(in paragraph: String) -> [Quote]? {
        guard let first = paragraph.first, let (_, close) = pairs.first(where: { $0.0 == first }) else { return nil }
        let open = first
        var texts: [String] = []
        var rest = Substring(paragraph)
        while rest.first == open {
            let body = rest.dropFirst()
            guard let end = body.firstIndex(of: close) else { return nil }
            texts.append(body[..<end].trimmingCharacters(in: .whitespaces))
            rest = body[body.index(after: end)...].drop(while: { $0 == " " || $0 == "," || $0 == ";" })
        }
        var speaker: String?
        if rest.first == "(", rest.last == ")" {
            speaker = rest.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            rest = ""
        }
        guard rest.trimmingCharacters(in: .whitespaces).isEmpty, !texts.isEmpty, !texts.contains(where: \.isEmpty) else { return nil }
        return texts.map { Quote(text: $0, speaker: speaker) }
    }
}
