/// Who may add, change and remove documents. Contributors (and above) add them, as their
/// organisation's; a document is changed or removed by the contributors of the organisation it
/// belongs to, and by administrators. Readers add nothing.
public enum DocumentStewardship {
    public static func checkAdding(by author: Identity) throws {
        guard author.role >= .contributor else {
            throw AppError.forbidden("Only contributors, reviewers, publishers and administrators may add documents.")
        }
    }

    public static func checkChanging(_ document: DocumentMetadata, by author: Identity) throws {
        try checkAdding(by: author)
        guard author.role != .admin, let owner = document.organisation else { return }
        guard author.organisation == owner else {
            throw AppError.forbidden("Only contributors of \(owner), to which this document belongs, or administrators, may change or remove it.")
        }
    }

    public static func mayChange(_ document: DocumentMetadata, by author: Identity) -> Bool {
        (try? checkChanging(document, by: author)) != nil
    }
}
