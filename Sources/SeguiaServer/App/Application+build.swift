import Foundation
import Hummingbird
import Logging
import Prometheus
import SeguiaStore

/// Builds the router with every route of the API and of the pages, and their middleware.
public func buildRouter(
    database: Database, registry: PrometheusCollectorRegistry, documentReader: PracticeDocumentReader = PracticeDocumentReader()
) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let openAPI = try OpenAPIDocument.load()
    let pages = try WebRenderer.load()
    router.middlewares.add(RequestLogMiddleware())
    router.middlewares.add(MetricsMiddleware())
    router.middlewares.add(ErrorMiddleware(pages: pages))
    router.middlewares.add(MethodMiddleware(routes: try RouteTable(openAPI: Data(openAPI.readableBytesView))))
    router.middlewares.add(AuthenticationMiddleware(tokens: TokenRepository(database: database)))
    router.middlewares.add(SessionMiddleware(sessions: SessionRepository(database: database)))
    router.middlewares.add(ReadRoutingMiddleware(database: database))

    router.addRoutes(
        SystemController(database: database, registry: registry, openAPIDocument: openAPI).endpoints)
    router.addRoutes(TerritoryController(repository: TerritoryRepository(database: database)).endpoints, atPath: "/api/v1/territories")
    router.addRoutes(
        OrganisationController(repository: OrganisationRepository(database: database)).endpoints, atPath: "/api/v1/organisations")
    router.addRoutes(AgreementController(repository: AgreementRepository(database: database)).endpoints, atPath: "/api/v1/agreements")
    // Repositories are made once here and handed to those that build on them.
    let indicatorRepository = IndicatorRepository(database: database)
    let valueRepository = ValueRepository(database: database, indicators: indicatorRepository)
    let practiceRepository = PracticeRepository(database: database)
    let reportRepository = ReportRepository(
        database: database, definitions: indicatorRepository, values: valueRepository, practices: practiceRepository)
    router.addRoutes(IndicatorController<AppRequestContext>(repository: indicatorRepository).endpoints, atPath: "/api/v1/indicators")
    router.addRoutes(
        ValueController<AppRequestContext>(repository: valueRepository, indicators: indicatorRepository, importer: ValueImporter(database: database))
            .endpoints,
        atPath: "/api/v1/values")
    let exports = ValueExportController<AppRequestContext>(repository: valueRepository)
    router.get("/api/v1/values.csv", use: exports.csv)
    router.get("/api/v1/values.json", use: exports.jsonLines)
    let reports = ReportController<AppRequestContext>(reports: reportRepository, saved: SavedReportRepository(database: database))
    router.addRoutes(reports.endpoints, atPath: "/api/v1/reports")
    router.get("/api/v1/practices/{identifier}/evidence", use: reports.evidence)
    router.addRoutes(ThemeController(repository: ThemeRepository(database: database)).endpoints, atPath: "/api/v1/themes")
    router.addRoutes(
        PracticeController(
            search: PracticeSearch(database: database), repository: practiceRepository,
            vocabulary: VocabularyRepository(database: database), writer: PracticeWriter(database: database), reader: documentReader
        ).endpoints, atPath: "/api/v1/practices")
    router.addRoutes(
        PracticeWriteController(repository: practiceRepository, writer: PracticeWriter(database: database)).endpoints,
        atPath: "/api/v1/practices")
    router.addRoutes(PracticeRevisionController(repository: practiceRepository).endpoints, atPath: "/api/v1/practices")
    router.addRoutes(
        DocumentController<AppRequestContext>(
            repository: DocumentRepository(database: database), writer: DocumentWriter(database: database),
            upload: DocumentUpload(reader: documentReader)
        ).endpoints, atPath: "/api/v1/documents")
    router.addRoutes(PersonController<AppRequestContext>(repository: PersonRepository(database: database)).endpoints, atPath: "/api/v1/people")
    let activity = ActivityController<AppRequestContext>(repository: ActivityRepository(database: database))
    router.get("/api/v1/activity", use: activity.timeline)
    router.post("/api/v1/meetings", use: activity.addMeeting)
    WebRoutes.add(
        to: router, renderer: pages, database: database, practices: practiceRepository, reports: reportRepository,
        indicators: indicatorRepository, values: valueRepository, documentReader: documentReader)
    return router
}

/// The Seguia HTTP application: the router plus the database pool, run as one service group.
public func buildApplication(
    config: AppConfig,
    database: Database,
    registry: PrometheusCollectorRegistry,
    logger: Logger
) throws -> some ApplicationProtocol {
    let router = try buildRouter(
        database: database, registry: registry, documentReader: PracticeDocumentReader(programSearchPath: config.programSearchPath))
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "seguia"),
        logger: logger)
    app.addServices(database.client)
    if let replicas = database.replicas {
        for replica in replicas.replicas { app.addServices(replica.database.client) }
        app.addServices(ReplicaMonitor(primary: database, replicas: replicas, logger: logger))
        logger.info("reads may be served by replicas", metadata: ["replicas": "\(replicas.replicas.map(\.name))", "maximum_lag": "\(replicas.maximumLag)"])
    }
    if let mail = config.mail {
        app.addServices(
            NotificationMailer(
                queue: NotificationMailQueue(database: database), client: SMTPClient(settings: mail), catalogue: try Catalogue.load(),
                logger: logger))
        logger.info("notifications are mailed", metadata: ["relay": "\(mail.host):\(mail.port)", "from": "\(mail.from)"])
    }
    return app
}

/// The OpenAPI 3.1 description of the API, shipped as a resource.
public enum OpenAPIDocument {
    public static func load() throws -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw StoreError(description: "openapi.json is missing from the server module's resources")
        }
        return ByteBuffer(bytes: [UInt8](try Data(contentsOf: url)))
    }
}
