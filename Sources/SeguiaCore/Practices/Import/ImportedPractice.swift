import Foundation

/// A capitalisation sheet read from a document, before anyone reviews it.
public struct ImportedPractice: Equatable, Sendable {
    public var title: String?
    /// The first paragraph under « Chapeau », "Summary"…, else the first substantial paragraph before the first part.
    public var summary: String?
    /// The name written after "Pratique déployée par" / "Practice deployed by", if any.
    public var deployedBy: String?
    /// Every part of the document in order, each with its heading as written.
    public var sections: [PracticeSection]
    /// Front matter, leading `label: value` lines and document properties.
    public var metadata: [DocumentOutline.MetadataField]
    /// The period the document states (metadata, calendar, title, summary, opening text), if any.
    public var period: StatedPeriod?
    /// Labels read as structure and not kept as text (« Source », « Résumé », « Fiche de capitalisation »).
    public var labels: [String]

    public init(
        title: String? = nil, summary: String? = nil, deployedBy: String? = nil, sections: [PracticeSection] = [],
        metadata: [DocumentOutline.MetadataField] = [], period: StatedPeriod? = nil, labels: [String] = []
    ) {
        self.title = title
        self.summary = summary
        self.deployedBy = deployedBy
        self.sections = sections
        self.metadata = metadata
        self.period = period
        self.labels = labels
    }

    /// The first metadata value given for `key`.
    public func metadata(_ key: MetadataKey) -> String? {
        metadata.first { $0.key == key }?.value
    }
}
