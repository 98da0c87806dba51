import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/api/v1/themes`: the taxonomy of practices, mapped to SDG 6.5.1.
struct ThemeController<Context: RequestContext> {
    let repository: ThemeRepository

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self).get(use: list)
    }

    struct ThemeDTO: Codable, Sendable {
        var key: String
        var names: LocalizedNames
        var missionTheme: Bool
        var sdg651Components: [String]

        enum CodingKeys: String, CodingKey {
            case key, names
            case missionTheme = "mission_theme"
            case sdg651Components = "sdg_6_5_1_components"
        }
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> ListResponse<ThemeDTO> {
        let themes = try await repository.list(logger: context.logger)
        return ListResponse(items: themes.map { ThemeDTO(key: $0.key, names: $0.names, missionTheme: $0.isMissionTheme, sdg651Components: $0.sdg651Components) })
    }
}
