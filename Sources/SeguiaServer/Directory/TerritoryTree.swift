import SeguiaCore

/// Territories in tree order, each under its parent, for pages that list them as a tree.
enum TerritoryTree {
    /// Depth-first from the countries. `siblingsBefore` orders the children of one parent;
    /// `maximumDepth` stops the walk below that depth (nil: the whole tree).
    static func walk(
        _ territories: [Territory], maximumDepth: Int? = nil, siblingsBefore: (Territory, Territory) -> Bool
    ) -> [(territory: Territory, depth: Int)] {
        let children = Dictionary(grouping: territories, by: { $0.parentCode ?? "" })
        var ordered: [(territory: Territory, depth: Int)] = []
        func walk(_ parent: String, depth: Int) {
            for territory in (children[parent] ?? []).sorted(by: siblingsBefore) {
                ordered.append((territory, depth))
                if maximumDepth.map({ depth < $0 }) ?? true { walk(territory.code, depth: depth + 1) }
            }
        }
        walk("", depth: 0)
        return ordered
    }

    /// Countries in the same order in every language (FR, MA, PS), what they contain by name.
    static func byName(_ territories: [Territory], language: Language) -> [(territory: Territory, depth: Int)] {
        walk(territories) { first, second in
            first.parentCode == nil ? first.code < second.code : first.names.preferred(language) < second.names.preferred(language)
        }
    }
}
