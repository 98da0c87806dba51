import SeguiaCore

/// Every word of a text, with its count: letters and digits only, case kept.
func wordCounts(_ text: String) -> [String: Int] {
    var counts: [String: Int] = [:]
    var current = ""
    for character in text + " " {
        if character.isLetter || character.isNumber {
            current.append(character)
        } else if !current.isEmpty {
            counts[current, default: 0] += 1
            current = ""
        }
    }
    return counts
}

/// Every word the importer kept: title, summary, deployer, metadata, the labels it read as structure, sections.
func wordCounts(of practice: ImportedPractice) -> [String: Int] {
    var pieces = [practice.title ?? "", practice.summary ?? "", practice.deployedBy ?? ""] + practice.labels
    pieces += practice.metadata.flatMap { [$0.label, $0.value] }
    pieces += practice.sections.flatMap { section in
        [section.title ?? "", section.text] + section.items + section.quotes.flatMap { [$0.text, $0.speaker ?? ""] }
    }
    return wordCounts(pieces.joined(separator: " "))
}

/// Words of the input missing from the output, and words the output holds more often than the input.
func lostAndDoubled(_ input: String, _ practice: ImportedPractice) -> (lost: [String], doubled: [String]) {
    let before = wordCounts(input)
    let after = wordCounts(of: practice)
    let lost = before.filter { word, count in (after[word] ?? 0) < count }.keys.sorted()
    let doubled = after.filter { word, count in count > (before[word] ?? 0) }.keys.sorted()
    return (lost, doubled)
}
