import Foundation

/// Walks a document's blocks once and builds the sheet: sections, title, summary, metadata.
struct OutlineBuilder {
    let vocabulary: ImportVocabulary
    var metadata: [DocumentOutline.MetadataField]
    /// The first is the text before any heading: an `other` section without a title.
    var sections: [PracticeSection] = [PracticeSection(key: .other)]
    var title: String?
    var summary: String?
    var deployedBy: String?
    var labels: [String] = []
    /// Set after a bare "Pratique déployée par": the next line names who.
    var deployedByPending = false
    /// The section opened by « Résumé » / "Summary", while its first paragraph is still to come.
    var summarySection: Int?
    /// Set once the preamble has had a block of text: the title is looked for in the first one only.
    var preambleHasText = false

    /// Set when the document marks its headings (Markdown `#`, heading styles): then a plain
    /// line the vocabulary does not know is a heading only when it is bold.
    let marksHeadings: Bool

    init(vocabulary: ImportVocabulary, metadata: [DocumentOutline.MetadataField], marksHeadings: Bool) {
        self.vocabulary = vocabulary
        self.metadata = metadata
        self.marksHeadings = marksHeadings
    }

    private var inPreamble: Bool { sections.count == 1 }
    /// The title the front matter, a leading `titre :` line or the document properties give.
    private var declaredTitle: String? { metadata.first { $0.key == .title }?.value }
    private var current: Int { sections.count - 1 }

    mutating func consume(_ block: DocumentOutline.Block, next: DocumentOutline.Block?) {
        switch block {
        case .heading(let level, let text):
            guard !text.isEmpty else { return }
            heading(text, level: level)
        case .paragraph(let lines, let emphasised):
            paragraph(lines.filter { !$0.isEmpty }, emphasised: emphasised, next: next)
        case .item(let text):
            guard !text.isEmpty else { return }
            if deployedByPending {
                deployedByPending = false
                deployedBy = text
                return
            }
            if isNumberedHeading(text, next: next) {
                heading(text, level: 2)
                return
            }
            sections[current].items.append(text)
        case .quote(let lines):
            blockQuote(lines)
        case .row(let cells):
            let filled = cells.filter { !$0.isEmpty }
            if !filled.isEmpty { sections[current].items.append(filled.joined(separator: " | ")) }
        case .note(let text):
            appendText(text)
        }
    }

    private mutating func heading(_ text: String, level: Int) {
        summarySection = nil
        // A heading repeating the title given by the front matter or the properties is not written twice.
        if inPreamble, sections[0].isEmpty, text == title || (title == nil && text == declaredTitle) {
            if title == nil { title = text } else { labels.append(text) }
            return
        }
        if level == 0 {
            if title == nil { title = text } else { startSection(.other, title: text) }
            return
        }
        switch vocabulary.meaning(ofHeading: text) {
        case .section(let key):
            startSection(key, title: text)
        case .summary:
            startSection(.other, title: text)
            if summary == nil { summarySection = current }
        case .documentLabel where inPreamble && vocabulary.isExactPhrase(text):
            labels.append(text)
        case .deployedBy where deploymentValue(text) == "":
            labels.append(text)
            deployedByPending = true
        default:
            if level <= 1, title == nil, inPreamble, sections[0].isEmpty {
                title = text
            } else {
                startSection(.other, title: text)
            }
        }
    }

    /// A block of lines: split where a paragraph, a heading or a quotation starts inside it, each part read in turn.
    private mutating func paragraph(_ lines: [String], emphasised: Bool, next: DocumentOutline.Block?) {
        let parts = segments(lines)
        for (index, part) in parts.enumerated() {
            let following = index + 1 < parts.count ? DocumentOutline.Block.paragraph(lines: parts[index + 1], emphasised: false) : next
            segment(part, emphasised: emphasised && index == 0, next: following)
        }
    }

    /// Text pasted without blank lines still starts a new part where a line ends a sentence or a
    /// quotation and the next opens in capitals, or where a line is a heading the vocabulary knows
    /// after a short line. Lines of a hard-wrapped paragraph stay together.
    private func segments(_ lines: [String]) -> [[String]] {
        var parts: [[String]] = []
        for (index, line) in lines.enumerated() {
            guard index > 0, !parts.isEmpty else {
                parts.append([line])
                continue
            }
            let previous = lines[index - 1]
            let opensInCapitals = !LineShape.startsLowercase(line)
            let previousIsShort = LineShape.mayBeHeading(previous) && LineShape.wordCount(previous) <= LineShape.headingWords
            let previousEnds = LineShape.endsSentence(previous) || QuoteText.quotes(in: previous, vocabulary: vocabulary) != nil
            let knownHeading = LineShape.mayBeHeading(line) && PlainTextReader.labelled(line) == nil
                && vocabulary.meaning(ofHeading: line).map(isPartHeading) == true
            // A heading is much shorter than the wrapped lines of the paragraph above it.
            let muchShorter = Double(line.count) < 0.6 * Double(previous.count)
            // Labels of the document's head stand on lines of their own, whatever follows them.
            let label = isDocumentLabel(previous) || isDocumentLabel(line) || deploymentValue(line) != nil
            if label || (opensInCapitals && (previousEnds || (knownHeading && (previousIsShort || muchShorter)))) {
                parts.append([line])
            } else {
                parts[parts.count - 1].append(line)
            }
        }
        return parts
    }

    private func isDocumentLabel(_ line: String) -> Bool {
        vocabulary.isExactPhrase(line) && vocabulary.meaning(ofHeading: line) == .documentLabel
    }

    private func isPartHeading(_ meaning: ImportVocabulary.Meaning) -> Bool {
        switch meaning {
        case .section, .summary: true
        default: false
        }
    }

    private mutating func segment(_ lines: [String], emphasised: Bool, next: DocumentOutline.Block?) {
        var lines = lines
        guard !lines.isEmpty else { return }
        if deployedByPending {
            deployedByPending = false
            deployedBy = lines.removeFirst()
            if lines.isEmpty { return }
        }
        if inPreamble, deployedBy == nil, let value = deploymentValue(lines[0]) {
            labels.append(String(lines[0].dropLast(value.count)).trimmingCharacters(in: .whitespaces))
            lines.removeFirst()
            if value.isEmpty {
                if lines.isEmpty { deployedByPending = true } else { deployedBy = lines.removeFirst() }
            } else {
                deployedBy = value
            }
            if lines.isEmpty { return }
        }
        if inPreamble, consumePreambleLabels(&lines) { return }
        if inPreamble, !preambleHasText, let declared = declaredTitle,
            TextMatcher.normalise(lines.joined(separator: " ")) == TextMatcher.normalise(declared)
        {
            // The document's first lines repeat the title its properties declare.
            title = title ?? lines.joined(separator: " ")
            preambleHasText = true
            return
        }
        if inPreamble, title == nil, !preambleHasText, takeTitle(&lines, emphasised: emphasised) { return }
        if inPreamble { preambleHasText = true }
        // Bullets typed by hand in a word processor's paragraphs are items too.
        if lines.count == 1, let item = PlainTextReader.listItem(lines[0]) {
            sections[current].items.append(item)
            return
        }
        // Headings one under the other ("Résultats" then "Ce qui a changé") each open their part.
        while let first = lines.first, isHeading(first, rest: lines.dropFirst(), emphasised: emphasised, next: next) {
            heading(lines.removeFirst(), level: 2)
        }
        guard !lines.isEmpty else { return }
        let text = lines.joined(separator: " ")
        if let index = summarySection {
            summarySection = nil
            summary = text
            if sections[index].isEmpty, let heading = sections[index].title {
                // The heading only announced the summary, which the practice keeps in its own field.
                labels.append(heading)
                sections.remove(at: index)
            }
            return
        }
        if let (quotes, verb) = QuoteText.quotes(in: text, vocabulary: vocabulary) {
            sections[current].quotes += quotes
            if let verb { labels.append(verb) }
        } else {
            appendText(text)
        }
    }

    /// Document-type labels and `label: value` metadata lines before the first part; true when the whole block went.
    private mutating func consumePreambleLabels(_ lines: inout [String]) -> Bool {
        let joined = lines.joined(separator: " ")
        if vocabulary.isExactPhrase(joined), vocabulary.meaning(ofHeading: joined) == .documentLabel {
            labels.append(joined)
            return true
        }
        var fields: [DocumentOutline.MetadataField] = []
        for line in lines {
            if PlainTextReader.isURL(line) {
                fields.append(.init(label: "url", key: .url, value: line))
            } else if let (label, value) = PlainTextReader.labelled(line), !value.isEmpty,
                let key = vocabulary.metadataKey(forLabel: label)
            {
                fields.append(.init(label: label, key: key, value: value))
            } else {
                return false
            }
        }
        metadata += fields
        return true
    }

    /// The title: the opening lines while they read as one wrapped title (no sentence ended, no
    /// line longer than the first, at most 250 characters), else nothing.
    private mutating func takeTitle(_ lines: inout [String], emphasised: Bool) -> Bool {
        let first = lines[0]
        guard first.count <= 200, !LineShape.startsLowercase(first), PlainTextReader.listItem(first) == nil, !PlainTextReader.isURL(first),
            let opening = first.first, !"«“\"„(".contains(opening)
        else { return false }
        switch vocabulary.meaning(ofHeading: first) {
        case .section, .summary: return false
        default: break
        }
        var taken = [first]
        while taken.count < 4, taken.count < lines.count {
            let last = taken[taken.count - 1].trimmingCharacters(in: CharacterSet(charactersIn: "*_ "))
            let next = lines[taken.count]
            if LineShape.endsSentence(last) || next.count > first.count + 20 || (taken + [next]).joined(separator: " ").count > 250 { break }
            if LineShape.mayBeHeading(next), vocabulary.meaning(ofHeading: next).map(isPartHeading) == true { break }
            taken.append(next)
        }
        let candidate = InlineMarkup.plainText(taken.joined(separator: " "))
        // One long line ending in a full stop is the first sentence of the text, not a title.
        if taken.count == 1, candidate.hasSuffix("."), candidate.count > 120 { return false }
        title = candidate
        lines.removeFirst(taken.count)
        return lines.isEmpty
    }

    /// Whether the first line of a block is a heading, from its shape, the vocabulary and what follows it.
    private func isHeading(_ line: String, rest: ArraySlice<String>, emphasised: Bool, next: DocumentOutline.Block?) -> Bool {
        let colon = LineShape.endsWithColon(line)
        guard LineShape.mayBeHeading(line) || colon else { return false }
        // "Objectif du projet : développer…" is a labelled sentence, and a line going on in lower case is wrapped text.
        if !colon, PlainTextReader.labelled(line) != nil { return false }
        if let below = rest.first, LineShape.startsLowercase(below) { return false }
        switch vocabulary.meaning(ofHeading: line) {
        case .section(let key):
            // "Objectifs spécifiques :" inside the objectives introduces a list; it starts no new part.
            if colon { return vocabulary.isExactPhrase(String(line.dropLast())) && key != sections[current].key }
            // "Acteurs" then "Acteur": a table's first cell under its heading, not a second heading.
            return !(key == sections[current].key && sections[current].isEmpty && current > 0 && !line.contains(" "))
        case .summary:
            return summary == nil && (!colon || vocabulary.isExactPhrase(String(line.dropLast())))
        default:
            break
        }
        if marksHeadings, !emphasised { return false }
        let wordLimit = emphasised ? LineShape.headingWords + 4 : LineShape.headingWords
        let characterLimit = emphasised ? LineShape.headingCharacters + 40 : LineShape.headingCharacters
        guard !colon, LineShape.wordCount(line) <= wordLimit, line.count <= characterLimit, PlainTextReader.labelled(line) == nil
        else { return false }
        if let below = rest.first {
            // A hard-wrapped sentence goes on in lower case, in lines of similar length.
            if LineShape.startsLowercase(below) { return false }
            let longest = rest.map(\.count).max() ?? 0
            if rest.count >= 2, !emphasised, Double(line.count) >= 0.8 * Double(longest) { return false }
            // Short lines over short lines, none a sentence, are cells or a list, not a heading over text.
            if !emphasised, rest.count >= 2, !rest.prefix(4).contains(where: { LineShape.endsSentence($0) || $0.count > LineShape.headingCharacters }) {
                return false
            }
            return rest.count >= 2 || LineShape.endsSentence(below) || below.count > line.count || emphasised
        }
        return isContent(next)
    }

    /// "2. Résultats" naming a part, unless the next item goes on counting (3.): a numbered
    /// heading, not a list.
    private func isNumberedHeading(_ text: String, next: DocumentOutline.Block?) -> Bool {
        func number(_ item: String) -> Int? { Int(item.prefix(while: \.isNumber)) }
        guard let own = number(text), LineShape.mayBeHeading(String(text.drop(while: { $0.isNumber || ".) ".contains($0) }))),
            LineShape.wordCount(text) <= LineShape.headingWords, vocabulary.meaning(ofHeading: text).map(isPartHeading) == true
        else { return false }
        if case .item(let following) = next, number(following) == own + 1 { return false }
        return true
    }

    /// Whether `block` is text a heading could stand over (not another heading, not a label, not the end).
    private func isContent(_ block: DocumentOutline.Block?) -> Bool {
        switch block {
        case nil, .heading: return false
        case .item, .row, .quote, .note: return true
        case .paragraph(let lines, _):
            guard let first = lines.first else { return false }
            if LineShape.startsLowercase(first) || deploymentValue(first) != nil { return false }
            if vocabulary.meaning(ofHeading: first) != nil, LineShape.mayBeHeading(first) { return false }
            if PlainTextReader.labelled(first).map({ vocabulary.metadataKey(forLabel: $0.0) != nil }) == true { return false }
            let couldBeHeading = LineShape.mayBeHeading(first) && LineShape.wordCount(first) <= LineShape.headingWords
            return !(lines.count == 1 && couldBeHeading)
        }
    }

    /// What follows a "Pratique déployée par" label opening `line` ("" when nothing does); `nil` without the label.
    private func deploymentValue(_ line: String) -> String? {
        for label in vocabulary.phrases(.deployedBy) {
            guard let range = line.range(of: label, options: [.anchored, .caseInsensitive, .diacriticInsensitive]) else { continue }
            let rest = line[range.upperBound...]
            guard rest.isEmpty || rest.first == " " || rest.first == ":" else { continue }
            return rest.trimmingCharacters(in: CharacterSet(charactersIn: " :"))
        }
        return nil
    }

    private mutating func blockQuote(_ lines: [String]) {
        var lines = lines
        guard !lines.isEmpty else { return }
        var speaker: String?
        if let last = lines.last, let dash = last.first, "—–-―".contains(dash), lines.count > 1 {
            speaker = last.drop(while: { "—–-― ".contains($0) }).trimmingCharacters(in: .whitespaces)
            lines.removeLast()
        }
        let joined = lines.joined(separator: " ")
        if speaker == nil, let (quotes, verb) = QuoteText.quotes(in: joined, vocabulary: vocabulary) {
            sections[current].quotes += quotes
            if let verb { labels.append(verb) }
            return
        }
        var text = joined
        if let first = text.first, let last = text.last, ("«" == first && "»" == last) || ("“" == first && "”" == last)
            || ("\"" == first && "\"" == last && text.count > 1)
        {
            text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        sections[current].quotes.append(Quote(text: text, speaker: speaker.flatMap { $0.isEmpty ? nil : $0 }))
    }

    private mutating func startSection(_ key: SectionKey, title: String) {
        sections.append(PracticeSection(key: key, title: title))
    }

    private mutating func appendText(_ text: String) {
        // In place: a long part grows by appending, not by copying what it holds each time.
        if !sections[current].text.isEmpty { sections[current].text += "\n\n" }
        sections[current].text += text
    }

    mutating func finish() -> ImportedPractice {
        var sections = self.sections
        if summary == nil {
            // Without a summary heading, the first substantial paragraph before the first part.
            let paragraphs = sections[0].text.components(separatedBy: "\n\n")
            if let index = paragraphs.firstIndex(where: { $0.count >= 120 }) {
                summary = paragraphs[index]
                sections[0].text = paragraphs.enumerated().filter { $0.offset != index }.map(\.element).joined(separator: "\n\n")
            }
        }
        sections.removeAll { $0.isEmpty && $0.title == nil }
        if title == nil { title = declaredTitle }
        return ImportedPractice(
            title: title, summary: summary, deployedBy: deployedBy, sections: sections, metadata: metadata,
            period: statedPeriod(sections), labels: labels)
    }

    /// Where a period is most likely the practice's own: declared, then the calendar, title, summary, opening text, the rest.
    private func statedPeriod(_ sections: [PracticeSection]) -> StatedPeriod? {
        var places: [String] = metadata.filter { $0.key == .period || $0.key == .date }.sorted { a, _ in a.key == .period }.map(\.value)
        places += sections.filter { $0.key == .calendar }.map { ([$0.text] + $0.items).joined(separator: " ") }
        places += [title, summary].compactMap { $0 }
        places += sections.filter { $0.key == .other && $0.title == nil }.map(\.text)
        // Last, anywhere in the sheet: the draft's warning asks the editor to check it.
        places += sections.map { ([$0.text] + $0.items).joined(separator: " ") }
        for place in places {
            if let period = StatedPeriod.find(in: place) { return period }
        }
        return nil
    }
}
