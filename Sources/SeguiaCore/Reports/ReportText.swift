/// The words of reports in French (the default), English and Arabic.
public struct ReportText: Sendable {
    public let language: Language

    public init(_ language: Language) {
        self.language = language
    }

    private static let words: [String: (fr: String, en: String, ar: String)] = [
        "indicator_comparison": ("Comparaison des indicateurs", "Indicator comparison", "مقارنة المؤشرات"),
        "practice_comparison": ("Comparaison des pratiques", "Practice comparison", "مقارنة الممارسات"),
        "evidence": ("Pratique et indicateurs", "Practice and indicators", "الممارسة والمؤشرات"),
        "file_comparison": ("comparaison", "comparison", "comparison"),
        "file_practices": ("pratiques", "practices", "practices"),
        "indicator": ("Indicateur", "Indicator", "المؤشر"),
        "code": ("Code", "Code", "الرمز"),
        "unit": ("Unité", "Unit", "الوحدة"),
        "territory": ("Territoire", "Territory", "الإقليم"),
        "territory_code": ("Code territoire", "Territory code", "رمز الإقليم"),
        "period": ("Période", "Period", "الفترة"),
        "value": ("Valeur", "Value", "القيمة"),
        "previous_period": ("Période précédente", "Previous period", "الفترة السابقة"),
        "previous_value": ("Valeur précédente", "Previous value", "القيمة السابقة"),
        "change": ("Évolution", "Change", "التغير"),
        "trend": ("Tendance", "Trend", "الاتجاه"),
        "vintage": ("Édition", "Release", "الإصدار"),
        "quality": ("Qualité", "Quality", "الجودة"),
        "review": ("Contrôle", "Review", "المراجعة"),
        "source": ("Source", "Source", "المصدر"),
        "sources": ("Sources", "Sources", "المصادر"),
        "latest": ("Dernières valeurs", "Latest values", "آخر القيم"),
        "series": ("Séries", "Series", "السلاسل"),
        "theme": ("Thème", "Theme", "المحور"),
        "practice": ("Pratique", "Practice", "الممارسة"),
        "link": ("Lien", "Link", "الرابط"),
        "organisations": ("Organisations", "Organisations", "المنظمات"),
        "levers": ("Leviers", "Levers", "الروافع"),
        "limits": ("Limites", "Limits", "الحدود"),
        "lessons": ("Enseignements", "Lessons", "الدروس المستفادة"),
        "recommendations": ("Recommandations", "Recommendations", "التوصيات"),
        "phase": ("Phase de la pratique", "Practice phase", "مرحلة الممارسة"),
        "before": ("avant", "before", "قبل"),
        "during": ("pendant", "during", "أثناء"),
        "after": ("après", "after", "بعد"),
        "undated": ("pratique non datée", "practice undated", "ممارسة غير مؤرخة"),
        "practice_period": ("période de la pratique", "practice period", "فترة الممارسة"),
        "reported": ("déclaré", "reported", "مُبلَّغ"),
        "estimated": ("estimé", "estimated", "مُقدَّر"),
        "modelled": ("modélisé", "modelled", "مُنمذَج"),
        "aggregated": ("agrégé", "aggregated", "مُجمَّع"),
        "ok": ("validé", "ok", "سليم"),
        "suspect": ("à vérifier", "suspect", "مشكوك فيه"),
        "invalid": ("invalide", "invalid", "غير صالح"),
        "improving": ("amélioration", "improving", "تحسن"),
        "worsening": ("dégradation", "worsening", "تراجع"),
        "stable": ("stable", "stable", "مستقر"),
        "rising": ("hausse", "rising", "ارتفاع"),
        "falling": ("baisse", "falling", "انخفاض"),
        "higher_is_better": ("Plus haut, c'est mieux.", "Higher is better.", "الأعلى أفضل."),
        "lower_is_better": ("Plus bas, c'est mieux.", "Lower is better.", "الأدنى أفضل."),
        "neutral": ("Ni hausse ni baisse n'est meilleure en soi.", "Neither direction is better in itself.", "لا يُفضَّل اتجاه على آخر."),
        "no_cell": ("aucune valeur", "no value", "لا قيمة"),
        "computed": ("calculé", "computed", "محسوب"),
        "generated": ("Produit par Seguia le", "Made by Seguia on", "أنتجه Seguia في"),
        "none": ("Aucune pratique", "No practice", "لا ممارسة"),
        "chart_bars": ("Dernière valeur par territoire", "Latest value by territory", "آخر قيمة حسب الإقليم"),
        "chart_lines": ("Évolution par territoire", "Change over time by territory", "التطور حسب الإقليم"),
    ]

    public subscript(_ key: String) -> String {
        guard let word = Self.words[key] else { return key }
        switch language {
        case .fr: return word.fr
        case .en: return word.en
        case .ar: return word.ar
        }
    }

    /// « 3 of 9 cells have no value since 2015 », in the report's language.
    public func emptyCells(_ empty: Int, of total: Int, since year: Int?) -> String {
        switch language {
        case .fr:
            return "\(empty) cellule\(empty > 1 ? "s" : "") sur \(total) \(empty > 1 ? "n'ont" : "n'a") pas de valeur"
                + (year.map { " depuis \($0)" } ?? "") + "."
        case .en:
            return "\(empty) of \(total) cells \(empty == 1 ? "has" : "have") no value" + (year.map { " since \($0)" } ?? "") + "."
        case .ar:
            return "\(empty) من \(total) خلايا بلا قيمة" + (year.map { " منذ \($0)" } ?? "") + "."
        }
    }

    /// « Tubas, Jénine : pas de valeurs propres ; les chiffres de Palestine sont montrés. »
    public func borrowedFigures(_ territories: String, from enclosing: String) -> String {
        switch language {
        case .fr: "\(territories) : pas de valeurs propres ; les chiffres de \(enclosing) sont montrés."
        case .en: "\(territories): no values of their own; the figures of \(enclosing) are shown."
        case .ar: "\(territories): لا قيم خاصة بها؛ تُعرض أرقام \(enclosing)."
        }
    }

    /// « 2 of 6 cells have no practice ».
    public func emptyPracticeCells(_ empty: Int, of total: Int) -> String {
        switch language {
        case .fr: "\(empty) cellule\(empty > 1 ? "s" : "") sur \(total) \(empty > 1 ? "n'ont" : "n'a") aucune pratique."
        case .en: "\(empty) of \(total) cells \(empty == 1 ? "has" : "have") no practice."
        case .ar: "\(empty) من \(total) خلايا بلا ممارسة."
        }
    }

    /// A code (`6.3.1.GEN`) kept left to right inside Arabic text, where the bidirectional
    /// algorithm would otherwise show it as `GEN.6.3.1`: isolated between LRI and PDI.
    public func isolated(_ code: String) -> String {
        language == .ar ? "\u{2066}\(code)\u{2069}" : code
    }

    /// The territories' codes joined as the language writes lists.
    public func list(_ items: [String]) -> String {
        items.joined(separator: language == .ar ? "، " : ", ")
    }
}
