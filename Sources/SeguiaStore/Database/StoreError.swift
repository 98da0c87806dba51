/// Data read back from PostgreSQL that this build cannot interpret: the schema and the code disagree.
public struct StoreError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }

    static func decodeEnum<Value: RawRepresentable>(_ type: Value.Type, _ raw: String, column: String) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: raw) else {
            throw StoreError(description: "\(column) holds '\(raw)', which \(Value.self) does not know")
        }
        return value
    }
}
