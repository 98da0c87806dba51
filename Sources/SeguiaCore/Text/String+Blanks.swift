extension String {
    /// nil for an empty string: what an optional text field means when left blank.
    public var nilIfEmpty: String? { isEmpty ? nil : self }

    /// The text without leading and trailing spaces and tabs. Cells of large files are trimmed
    /// one by one: this leaves the common case (nothing to trim) without copying or bridging.
    public func trimmingBlanks() -> String {
        let utf8 = self.utf8
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let first = utf8.first, let last = utf8.last, isBlank(first) || isBlank(last) else { return self }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isBlank(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isBlank(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return String(self[start..<end])
    }
}
