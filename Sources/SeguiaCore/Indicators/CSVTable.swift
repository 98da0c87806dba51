import Foundation

/// A CSV file read whole into records, each with the line it starts on (the header is line 1).
/// For small files; large ones go through `CSVRecordReader` record by record.
public struct CSVTable: Sendable, Equatable {
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    public var separator: Character
    public var header: [String]
    public var records: [Record]

    public enum Failure: Error, Equatable {
        case empty
        case notText(line: Int)
        case unterminatedQuote(line: Int)
        /// A record longer than `CSVRecordReader.maximumRecordBytes`.
        case recordTooLong(line: Int)
    }

    public static func read(_ bytes: some Sequence<UInt8>) throws(Failure) -> CSVTable {
        var reader = CSVRecordReader()
        var records = try reader.records(in: bytes)
        records += try reader.finish()
        return CSVTable(
            separator: Character(Unicode.Scalar(reader.separator ?? UInt8(ascii: ","))),
            header: records[0].fields.map { $0.trimmingCharacters(in: .whitespaces) }, records: Array(records.dropFirst()))
    }

    public static func read(_ text: String) throws(Failure) -> CSVTable {
        try read(text.utf8)
    }
}
