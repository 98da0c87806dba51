/// The words that changed between two texts: runs kept, removed and added, in reading order.
///
/// Words are compared with the spaces and punctuation around them as separate tokens, so that
/// a changed comma is shown as such. The longest common subsequence is found on what remains
/// once the common beginning and end are set aside; past `maximumCells` comparisons (two long
/// texts rewritten throughout) the middle is shown as removed then added, whole.
public enum WordDiff {
    public enum Kind: String, Sendable, Codable {
        case same, removed, added
    }

    public struct Segment: Sendable, Equatable, Codable {
        public var kind: Kind
        public var text: String

        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    public static let maximumCells = 4_000_000

    public static func diff(_ old: String, _ new: String) -> [Segment] {
        let before = tokens(old)
        let after = tokens(new)
        var prefix = 0
        while prefix < before.count, prefix < after.count, before[prefix] == after[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < before.count - prefix, suffix < after.count - prefix,
            before[before.count - 1 - suffix] == after[after.count - 1 - suffix]
        {
            suffix += 1
        }
        let middleBefore = Array(before[prefix..<(before.count - suffix)])
        let middleAfter = Array(after[prefix..<(after.count - suffix)])
        var segments: [Segment] = []
        func add(_ kind: Kind, _ text: String) {
            guard !text.isEmpty else { return }
            if let last = segments.last, last.kind == kind {
                segments[segments.count - 1].text += text
            } else {
                segments.append(Segment(kind, text))
            }
        }
        add(.same, before[..<prefix].joined())
        if middleBefore.count * middleAfter.count > maximumCells {
            add(.removed, middleBefore.joined())
            add(.added, middleAfter.joined())
        } else {
            for (kind, token) in commonSubsequence(middleBefore, middleAfter) { add(kind, token) }
        }
        add(.same, before[(before.count - suffix)...].joined())
        return segments
    }

    /// Runs of letters and digits, runs of spaces, and each other character alone.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentIsWord: Bool?
        for character in text {
            let isWord = character.isLetter || character.isNumber || character == "'" || character == "’"
            let isSpace = character.isWhitespace
            if isWord || isSpace, currentIsWord == (isWord ? true : false), !current.isEmpty {
                current.append(character)
                continue
            }
            if !current.isEmpty { tokens.append(current) }
            current = String(character)
            currentIsWord = isWord ? true : (isSpace ? false : nil)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// The classic dynamic programme, walked back from the end.
    private static func commonSubsequence(_ a: [String], _ b: [String]) -> [(Kind, String)] {
        let (n, m) = (a.count, b.count)
        var lengths = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var result: [(Kind, String)] = []
        var (i, j) = (0, 0)
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                result.append((.same, a[i]))
                i += 1
                j += 1
            } else if i < n, j == m || lengths[i + 1][j] >= lengths[i][j + 1] {
                // What went comes before what replaced it.
                result.append((.removed, a[i]))
                i += 1
            } else {
                result.append((.added, b[j]))
                j += 1
            }
        }
        return result
    }
}
