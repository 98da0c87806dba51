import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Decodes a JSON answer into loosely typed values, to check the wire format itself.
func json(_ response: TestResponse) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
    return try #require(object as? [String: Any])
}

func items(_ response: TestResponse) throws -> [[String: Any]] {
    try #require(try json(response)["items"] as? [[String: Any]])
}

extension Data {
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}
