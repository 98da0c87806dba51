/// Splits a SQL script into single statements, because PostgresNIO runs one statement per query.
///
/// A `;` ends a statement only outside single-quoted strings (including `E'…'` with backslash
/// escapes), double-quoted identifiers, `--` and nested `/* */` comments, and `$tag$` bodies.
/// Statements that hold nothing but whitespace and comments are dropped.
public enum SQLStatementSplitter {
    public static func split(_ script: String) -> [String] {
        let characters = Array(script)
        var statements: [String] = []
        var current: [Character] = []
        var hasCode = false
        var index = 0

        func flush() {
            if hasCode {
                let text = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { statements.append(text) }
            }
            current.removeAll(keepingCapacity: true)
            hasCode = false
        }

        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil

            if character == "-", next == "-" {
                let end = characters[index...].firstIndex(of: "\n") ?? characters.count
                current.append(contentsOf: characters[index..<end])
                index = end
                continue
            }
            if character == "/", next == "*" {
                let end = endOfBlockComment(characters, from: index)
                current.append(contentsOf: characters[index..<end])
                index = end
                continue
            }
            if character == "'" {
                let escapesBackslash = index > 0 && "eE".contains(characters[index - 1])
                    && (index < 2 || !isIdentifierCharacter(characters[index - 2]))
                let end = endOfQuoted(characters, from: index, quote: "'", backslashEscapes: escapesBackslash)
                current.append(contentsOf: characters[index..<end])
                hasCode = true
                index = end
                continue
            }
            if character == "\"" {
                let end = endOfQuoted(characters, from: index, quote: "\"", backslashEscapes: false)
                current.append(contentsOf: characters[index..<end])
                hasCode = true
                index = end
                continue
            }
            if character == "$", let tag = dollarTag(characters, at: index) {
                let end = endOfDollarQuoted(characters, bodyStart: index + tag.count, tag: tag)
                current.append(contentsOf: characters[index..<end])
                hasCode = true
                index = end
                continue
            }
            if character == ";" {
                flush()
                index += 1
                continue
            }
            current.append(character)
            if !character.isWhitespace { hasCode = true }
            index += 1
        }
        flush()
        return statements
    }

    private static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "$"
    }

    private static func endOfBlockComment(_ characters: [Character], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < characters.count {
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if characters[index] == "/", next == "*" {
                depth += 1
                index += 2
            } else if characters[index] == "*", next == "/" {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return characters.count
    }

    private static func endOfQuoted(_ characters: [Character], from start: Int, quote: Character, backslashEscapes: Bool) -> Int {
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if backslashEscapes, character == "\\" {
                index += 2
                continue
            }
            if character == quote {
                // A doubled quote is an escaped quote, not the end.
                if index + 1 < characters.count, characters[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return characters.count
    }

    /// The `$tag$` opening at `index`, if any. A `$1` parameter or a `$` inside an identifier is not one.
    private static func dollarTag(_ characters: [Character], at index: Int) -> [Character]? {
        if index > 0, isIdentifierCharacter(characters[index - 1]) { return nil }
        var end = index + 1
        while end < characters.count, characters[end] != "$" {
            let character = characters[end]
            let allowed = character.isLetter || character == "_" || (end > index + 1 && character.isNumber)
            if !allowed { return nil }
            end += 1
        }
        guard end < characters.count else { return nil }
        return Array(characters[index...end])
    }

    private static func endOfDollarQuoted(_ characters: [Character], bodyStart: Int, tag: [Character]) -> Int {
        var index = bodyStart
        while index + tag.count <= characters.count {
            if characters[index] == "$", Array(characters[index..<(index + tag.count)]) == tag {
                return index + tag.count
            }
            index += 1
        }
        return characters.count
    }
}
