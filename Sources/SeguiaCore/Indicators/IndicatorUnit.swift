/// Units as readers write them in each language; the stored unit (the key here) is what
/// imports are checked against and stays as it is.
public enum IndicatorUnit {
    private static let names: [String: (fr: String, en: String, ar: String)] = [
        "%": ("%", "%", "%"),
        "million m3/year": ("millions de m³/an", "million m³/year", "مليون م³/سنة"),
        "USD/m3": ("USD/m³", "USD/m³", "دولار أمريكي/م³"),
        "million USD": ("millions d'USD", "million USD", "مليون دولار أمريكي"),
        "score 0-100": ("score 0-100", "score 0-100", "درجة 0-100"),
    ]

    /// The unit in `language`; a unit nobody translated is shown as stored.
    public static func name(_ unit: String, in language: Language) -> String {
        guard let name = names[unit] else { return unit }
        switch language {
        case .fr: return name.fr
        case .en: return name.en
        case .ar: return name.ar
        }
    }
}
