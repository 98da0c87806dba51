/// Who may make which change to a practice.
///
/// A sheet's content is written by contributors (and above) of the organisations it concerns:
/// the owning organisation and those it names among its actors, so that the NGO that writes a
/// sheet for a partner authority can keep writing it. A sheet without an owner is open to every
/// contributor, who may claim it for their own organisation. What decides what the public
/// sees, or in whose name, is kept for the owning organisation's publishers and for
/// administrators: publishing, withdrawing a published sheet, archiving, changing who may read
/// it and handing it to another owner; only an administrator publishes a sheet without owner.
public enum PracticeStewardship {
    /// Fails with 403 when `author` may not make the practice `new` out of `current` (nil: created).
    public static func check(from current: PracticeContent?, to new: PracticeContent, by author: Identity) throws {
        guard author.role != .admin else { return }
        guard let current else {
            try requireWriter(of: new, by: author, to: "create this practice")
            if new.status == .published || new.status == .archived {
                try requireSteward(of: new.organisation, by: author, to: "create a practice as \(new.status.rawValue)")
            }
            return
        }
        if new.status != current.status,
            new.status == .published || new.status == .archived || current.status == .published
        {
            try requireSteward(of: current.organisation, by: author, to: "move a practice to \(new.status.rawValue)")
        }
        if new.organisation != current.organisation {
            let claimsUnowned = current.organisation == nil && new.organisation != nil && new.organisation == author.organisation
            if !claimsUnowned {
                try requireSteward(of: current.organisation, by: author, to: "give a practice to another organisation")
            }
        }
        if new.confidentiality != current.confidentiality, current.organisation != nil {
            try requireSteward(of: current.organisation, by: author, to: "change who may read a practice")
        }
    }

    /// Fails with 403 unless `author` may write the content of `practice` (as it is before the change).
    public static func checkWriting(_ practice: PracticeContent, by author: Identity) throws {
        guard author.role != .admin else { return }
        try requireWriter(of: practice, by: author, to: "change this practice")
    }

    /// Whether `author` is a contributor (or above) of an organisation the practice concerns.
    public static func mayWrite(_ practice: PracticeContent, by author: Identity) -> Bool {
        (try? checkWriting(practice, by: author)) != nil
    }

    private static func requireWriter(of practice: PracticeContent, by author: Identity, to action: String) throws {
        guard author.role >= .contributor else {
            throw AppError.forbidden("Only contributors, reviewers, publishers and administrators may \(action).")
        }
        guard let owner = practice.organisation else { return }
        let concerned = [owner] + practice.organisations.map(\.code)
        guard let own = author.organisation, concerned.contains(own) else {
            throw AppError.forbidden(
                "Only contributors of \(concerned.joined(separator: ", ")), the organisations this practice concerns, or administrators, may \(action).")
        }
    }

    private static func requireSteward(of owner: String?, by author: Identity, to action: String) throws {
        guard let owner else {
            throw AppError.forbidden("Only administrators may \(action) when it has no owning organisation.")
        }
        guard author.organisation == owner, author.role >= .publisher else {
            throw AppError.forbidden("Only publishers of \(owner), which owns this practice, or administrators, may \(action).")
        }
    }
}
