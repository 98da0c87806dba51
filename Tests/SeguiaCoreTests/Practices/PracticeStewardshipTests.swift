import SeguiaCore
import Testing

@Suite struct PracticeStewardshipTests {
    let ownerEditor = Identity(tokenID: 1, name: "rrma", role: .publisher, organisation: "A")
    let otherEditor = Identity(tokenID: 2, name: "ngo", role: .publisher, organisation: "B")
    let unattachedEditor = Identity(tokenID: 3, name: "consultant", role: .publisher, organisation: nil)
    let admin = Identity(tokenID: 4, name: "admin", role: .admin, organisation: nil)

    private func sheet(owner: String?, status: PracticeStatus, confidentiality: Confidentiality = .public) -> PracticeContent {
        var content = PracticeContent(slug: "comite", title: "Comité")
        content.organisation = owner
        content.status = status
        content.confidentiality = confidentiality
        return content
    }

    private func allowed(_ current: PracticeContent?, _ new: PracticeContent, by author: Identity) -> Bool {
        (try? PracticeStewardship.check(from: current, to: new, by: author)) != nil
    }

    @Test func anyEditorWritesContentButOnlyTheOwnerDecidesWhatIsShown() {
        let review = sheet(owner: "A", status: .inReview)
        var rewritten = review
        rewritten.summary = "Réécrit par l'ONG"
        #expect(allowed(review, rewritten, by: otherEditor))
        #expect(allowed(review, rewritten, by: unattachedEditor))

        let published = sheet(owner: "A", status: .published)
        #expect(!allowed(review, published, by: otherEditor))
        #expect(allowed(review, published, by: ownerEditor))
        #expect(allowed(review, published, by: admin))

        let archived = sheet(owner: "A", status: .archived)
        #expect(!allowed(published, archived, by: otherEditor))
        #expect(!allowed(review, archived, by: otherEditor))
        #expect(allowed(published, archived, by: ownerEditor))
        #expect(!allowed(published, sheet(owner: "A", status: .inReview), by: otherEditor))
    }

    /// The owner's contributors and reviewers write and submit; what the public sees is the publishers'.
    @Test func onlyTheOwnersPublishersDecideWhatIsShown() {
        let contributor = Identity(tokenID: 5, name: "author", role: .contributor, organisation: "A")
        let reviewer = Identity(tokenID: 6, name: "reviewer", role: .reviewer, organisation: "A")
        let draft = sheet(owner: "A", status: .draft)
        let submitted = sheet(owner: "A", status: .inReview)
        for author in [contributor, reviewer] {
            #expect(allowed(draft, submitted, by: author))
            #expect(!allowed(submitted, sheet(owner: "A", status: .published), by: author))
            #expect(!allowed(draft, sheet(owner: "A", status: .archived), by: author))
            #expect(!allowed(draft, sheet(owner: "A", status: .draft, confidentiality: .private), by: author))
            #expect(!allowed(draft, sheet(owner: "B", status: .draft), by: author))
            #expect(!allowed(nil, sheet(owner: "A", status: .published), by: author))
        }
        #expect(allowed(submitted, sheet(owner: "A", status: .published), by: ownerEditor))
    }

    /// The defect: B's editor gave A's sheet in review to B, then published it as B.
    @Test func anotherOrganisationCannotTakeASheetOver() {
        let review = sheet(owner: "A", status: .inReview)
        #expect(!allowed(review, sheet(owner: "B", status: .inReview), by: otherEditor))
        #expect(!allowed(review, sheet(owner: nil, status: .inReview), by: otherEditor))
        #expect(allowed(review, sheet(owner: "B", status: .inReview), by: ownerEditor))
        #expect(!allowed(review, sheet(owner: "A", status: .inReview, confidentiality: .private), by: otherEditor))
        #expect(allowed(review, sheet(owner: "A", status: .inReview, confidentiality: .private), by: ownerEditor))
    }

    @Test func anUnownedSheetIsClaimedOnlyForOnesOwnOrganisation() {
        let unowned = sheet(owner: nil, status: .draft)
        #expect(allowed(unowned, sheet(owner: "B", status: .draft), by: otherEditor))
        #expect(!allowed(unowned, sheet(owner: "A", status: .draft), by: otherEditor))
        #expect(!allowed(unowned, sheet(owner: "A", status: .draft), by: unattachedEditor))
        #expect(!allowed(sheet(owner: nil, status: .inReview), sheet(owner: nil, status: .published), by: otherEditor))
        #expect(allowed(sheet(owner: nil, status: .inReview), sheet(owner: nil, status: .published), by: admin))
    }

    @Test func creatingPublishedIsForTheOwner() {
        #expect(!allowed(nil, sheet(owner: "A", status: .draft), by: otherEditor))
        var forPartner = sheet(owner: "A", status: .draft)
        forPartner.organisations = [.init(code: "B", role: "rédaction")]
        #expect(allowed(nil, forPartner, by: otherEditor))
        #expect(allowed(nil, sheet(owner: nil, status: .draft), by: otherEditor))
        #expect(!allowed(nil, sheet(owner: "A", status: .published), by: otherEditor))
        #expect(allowed(nil, sheet(owner: "A", status: .published), by: ownerEditor))
        #expect(!allowed(nil, sheet(owner: nil, status: .published), by: unattachedEditor))
    }

    /// Content is written by the organisations a sheet concerns: its owner and those it names.
    @Test func theSheetsOrganisationsWriteIt() {
        let contributor = Identity(tokenID: 5, name: "author", role: .contributor, organisation: "B")
        let reader = Identity(tokenID: 7, name: "reader", role: .reader, organisation: "A")
        var sheet = sheet(owner: "A", status: .published)
        #expect(PracticeStewardship.mayWrite(sheet, by: ownerEditor))
        #expect(!PracticeStewardship.mayWrite(sheet, by: contributor))
        #expect(!PracticeStewardship.mayWrite(sheet, by: unattachedEditor))
        #expect(!PracticeStewardship.mayWrite(sheet, by: reader))
        #expect(PracticeStewardship.mayWrite(sheet, by: admin))
        sheet.organisations = [.init(code: "B", role: "rédaction")]
        #expect(PracticeStewardship.mayWrite(sheet, by: contributor))
        sheet.organisation = nil
        sheet.organisations = []
        #expect(PracticeStewardship.mayWrite(sheet, by: unattachedEditor))
        #expect(!PracticeStewardship.mayWrite(sheet, by: reader))
    }
}
