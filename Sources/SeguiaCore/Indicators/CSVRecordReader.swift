/// Reads CSV records from bytes as they arrive, holding no more than the record being read:
/// a file of any size goes through in constant memory.
///
/// RFC 4180 quoting; the separator is `,` or `;`, whichever the first line uses more outside
/// quotes (Excel in French locales writes `;`); a UTF-8 byte-order mark is ignored; lines end
/// with LF, CRLF or CR; blank lines are skipped. Fields must be UTF-8 text without NUL, and a
/// record at most `maximumRecordBytes` long: a file of one endless line is refused where it
/// passes the limit, not read into memory.
public struct CSVRecordReader: Sendable {
    public static let maximumRecordBytes = 1_048_576

    public typealias Record = CSVTable.Record
    public typealias Failure = CSVTable.Failure

    /// `,` or `;`, once the first line has been read.
    public private(set) var separator: UInt8?
    /// Whether any record (the header included) has been read.
    public private(set) var hasRecords = false

    private var firstLine: [UInt8] = []
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var inQuotes = false
    private var fieldWasQuoted = false
    private var quoteInQuotedField = false
    private var previousWasCarriageReturn = false
    private var line = 1
    private var recordLine = 1
    private var recordBytes = 0

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    public init() {}

    /// The records completed by these bytes, in order.
    public mutating func records(in bytes: UnsafeRawBufferPointer) throws(Failure) -> [Record] {
        var completed: [Record] = []
        if let separator {
            for byte in bytes { try consume(byte, separator: separator, into: &completed) }
            return completed
        }
        // The separator is chosen on the first line: keep bytes until it is whole. Only the new
        // bytes are searched for its end, so a long first line costs its length, not its square.
        let hasLineEnd = bytes.contains { $0 == Self.lineFeed || $0 == Self.carriageReturn }
        firstLine.append(contentsOf: bytes)
        guard hasLineEnd else {
            if firstLine.count > Self.maximumRecordBytes { throw .recordTooLong(line: 1) }
            return []
        }
        try startReading(into: &completed)
        return completed
    }

    public mutating func records(in bytes: some Sequence<UInt8>) throws(Failure) -> [Record] {
        var result: Result<[Record], Failure> = .success([])
        Array(bytes).withUnsafeBytes { buffer in result = Result { () throws(Failure) in try records(in: buffer) } }
        return try result.get()
    }

    /// The last record, once every byte has been given; throws when the file holds no record.
    public mutating func finish() throws(Failure) -> [Record] {
        var completed: [Record] = []
        if separator == nil { try startReading(into: &completed) }
        if quoteInQuotedField {
            quoteInQuotedField = false
            inQuotes = false
        }
        if inQuotes { throw .unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { try endRecord(into: &completed) }
        guard hasRecords else { throw .empty }
        return completed
    }

    private mutating func startReading(into completed: inout [Record]) throws(Failure) {
        var bytes = firstLine[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let lineEnd = bytes.firstIndex { $0 == Self.lineFeed || $0 == Self.carriageReturn } ?? bytes.endIndex
        let chosen = Self.separator(of: bytes[..<lineEnd])
        separator = chosen
        firstLine = []
        for byte in bytes { try consume(byte, separator: chosen, into: &completed) }
    }

    private static func separator(of line: ArraySlice<UInt8>) -> UInt8 {
        var inQuotes = false
        var commas = 0
        var semicolons = 0
        for byte in line {
            switch byte {
            case quote: inQuotes.toggle()
            case UInt8(ascii: ",") where !inQuotes: commas += 1
            case UInt8(ascii: ";") where !inQuotes: semicolons += 1
            default: break
            }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    private mutating func consume(_ byte: UInt8, separator: UInt8, into completed: inout [Record]) throws(Failure) {
        guard byte != 0 else { throw .notText(line: line) }
        recordBytes += 1
        guard recordBytes <= Self.maximumRecordBytes else { throw .recordTooLong(line: recordLine) }
        if inQuotes {
            if quoteInQuotedField {
                quoteInQuotedField = false
                if byte == Self.quote {
                    field.append(byte)
                    return
                }
                inQuotes = false
                // The quote closed the field: this byte is read as outside quotes.
            } else if byte == Self.quote {
                quoteInQuotedField = true
                return
            } else {
                if byte == Self.carriageReturn || (byte == Self.lineFeed && !previousWasCarriageReturn) { line += 1 }
                previousWasCarriageReturn = byte == Self.carriageReturn
                field.append(byte)
                return
            }
        }
        defer { previousWasCarriageReturn = byte == Self.carriageReturn }
        switch byte {
        case Self.quote where field.isEmpty && !fieldWasQuoted:
            inQuotes = true
            fieldWasQuoted = true
        case separator:
            try endField()
        case Self.lineFeed where previousWasCarriageReturn:
            break
        case Self.lineFeed, Self.carriageReturn:
            try endRecord(into: &completed)
            line += 1
            recordLine = line
        default:
            field.append(byte)
        }
    }

    private mutating func endField() throws(Failure) {
        guard let text = String(validating: field, as: UTF8.self) else { throw .notText(line: line) }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
        fieldWasQuoted = false
    }

    private mutating func endRecord(into completed: inout [Record]) throws(Failure) {
        let blank = fields.isEmpty && field.isEmpty && !fieldWasQuoted
        try endField()
        if !blank {
            completed.append(Record(line: recordLine, fields: fields))
            hasRecords = true
        }
        fields.removeAll(keepingCapacity: true)
        recordBytes = 0
    }
}
