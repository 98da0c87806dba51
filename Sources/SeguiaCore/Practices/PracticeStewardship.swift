/// Who may make which change to a practice.
///
/// Any contributor may write a sheet's content, whoever owns it: the NGO that writes sheets for
/// its partners is the usual case. What decides what the public sees, or in whose name, is kept
/// for the owning organisation's publishers and for administrators: publishing, withdrawing a
/// published sheet, archiving, changing who may read it and handing it to another owner. A
/// sheet without an owner may be claimed by a contributor for their own organisation; only an
/// administrator publishes it as it is.
public enum PracticeStewardship {
    /// Fails with 403 when `author` may not make the practice `new` out of `current` (nil: created).
    public static func check(from current: PracticeContent?, to new: PracticeContent, by author: Identity) throws {
        guard author.role != .admin else { return }
        guard let current else {
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

    private static func requireSteward(of owner: String?, by author: Identity, to action: String) throws {
        guard let owner else {
            throw AppError.forbidden("Only administrators may \(action) when it has no owning organisation.")
        }
        guard author.organisation == owner, author.role >= .publisher else {
            throw AppError.forbidden("Only publishers of \(owner), which owns this practice, or administrators, may \(action).")
        }
    }
}
