import Hummingbird

/// Reads a posted form: `application/x-www-form-urlencoded`, UTF-8, with its form token checked.
enum WebForm {
    static let maximumBytes = 64 * 1024

    /// The form, at most `limit` bytes, each field at most `fieldLength` characters (a sheet's
    /// section is long; a sign-in field is not).
    static func read(_ request: Request, limit: Int = maximumBytes, fieldLength: Int = QueryParameters.maximumLength) async throws -> QueryParameters {
        let body = try await request.body(
            ofType: ["application/x-www-form-urlencoded"], limit: limit, expected: "a form (application/x-www-form-urlencoded)")
        let form = QueryParameters(query: String(buffer: body), maximumLength: fieldLength)
        try FormToken.check(form, request: request)
        try form.validate()
        return form
    }
}
