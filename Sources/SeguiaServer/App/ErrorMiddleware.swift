import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostgresNIO
import SeguiaCore
import SeguiaStore

/// Turns every error into an RFC 9457 problem answer.
///
/// Domain errors map to their status; PostgreSQL constraint violations become 409 / 422
/// without the database's text; anything else is a 500 whose cause is logged, not sent.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Renders errors on pages (outside `/api`) as pages in the reader's language.
    var pages: WebRenderer?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var problem = Self.problem(for: error, logger: context.logger)
            problem.instance = request.uri.path
            problem.requestId = context.id
            var response: Response
            if let pages, WebRoutes.isPage(request.uri.path) {
                response = WebErrorPage.response(problem, request: request, renderer: pages)
            } else {
                response = problem.response()
            }
            if problem.status == 401 {
                response.headers[.wwwAuthenticate] = "Bearer realm=\"seguia\""
            }
            if let error = error as? HTTPError {
                for field in error.headers where field.name != .contentType && field.name != .contentLength {
                    response.headers.append(field)
                }
            }
            if problem.status == 503 {
                response.headers[.retryAfter] = String(Self.retryAfterSeconds)
            }
            return response
        }
    }

    /// What a client is told to wait while the database is away: about one failed lease.
    static var retryAfterSeconds: Int { 5 }

    static func problem(for error: any Error, logger: Logger) -> ProblemDetails {
        if let unavailable = DatabaseUnavailable(error) {
            logger.warning("database unavailable", metadata: ["reason": "\(unavailable.reason)"])
            return ProblemDetails(
                title: "Service Unavailable", status: 503,
                detail: "The database cannot be reached just now; nothing was written. Try again in a few seconds.")
        }
        switch error {
        case let error as AppError:
            return problem(for: error)
        case let failure as ImportFailure:
            return ProblemDetails(
                title: "Unprocessable Content", status: 422,
                detail: "The file has \(failure.issues.count) error(s); nothing was written.",
                errors: failure.issues.map { ProblemError(line: $0.line, column: $0.column, message: $0.message) })
        case let error as PSQLError:
            return problem(for: error, logger: logger)
        case let error as HTTPError:
            return ProblemDetails(
                title: error.status.reasonPhrase, status: error.status.code,
                detail: error.body ?? (error.status == .notFound ? "No route matches this path." : nil))
        case let error as any HTTPResponseError:
            let status = error.status
            return ProblemDetails(title: status.reasonPhrase, status: status.code, detail: status == .notFound ? "No route matches this path." : nil)
        default:
            logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return ProblemDetails(title: "Internal Server Error", status: 500, detail: "The server could not answer; the error is logged under this request's id.")
        }
    }

    static func problem(for error: AppError) -> ProblemDetails {
        switch error {
        case .notFound(let resource, let identifier):
            ProblemDetails(title: "Not Found", status: 404, detail: "No \(resource) has the identifier '\(identifier)'.")
        case .invalid(let issues):
            ProblemDetails(
                title: "Unprocessable Content", status: 422, detail: "The request has invalid values.",
                errors: issues.map { ProblemError(field: $0.field, message: $0.reason) })
        case .conflict(let reason):
            ProblemDetails(title: "Conflict", status: 409, detail: reason)
        case .preconditionFailed(let reason):
            ProblemDetails(title: "Precondition Failed", status: 412, detail: reason)
        case .unauthorized(let reason):
            ProblemDetails(title: "Unauthorized", status: 401, detail: reason)
        case .forbidden(let reason):
            ProblemDetails(title: "Forbidden", status: 403, detail: reason)
        }
    }

    static func problem(for error: PSQLError, logger: Logger) -> ProblemDetails {
        let sqlState = error.serverInfo?[.sqlState]
        let constraint = error.serverInfo?[.constraintName]
        switch sqlState {
        // Constraint names are the schema's, not the client's fields: logged, never answered.
        case "23505":
            logger.notice("unique violation", metadata: ["constraint": "\(constraint ?? "none")"])
            return ProblemDetails(title: "Conflict", status: 409, detail: "This would duplicate an existing record.")
        case "23503", "23514", "23502", "22P02", "22007", "22008", "22003":
            logger.notice("rule violation", metadata: ["constraint": "\(constraint ?? "none")", "sqlstate": "\(sqlState ?? "none")"])
            return ProblemDetails(title: "Unprocessable Content", status: 422, detail: "The values break a rule of the data model.")
        default:
            logger.error("database error", metadata: ["error": "\(String(reflecting: error))", "sqlstate": "\(sqlState ?? "none")"])
            return ProblemDetails(title: "Internal Server Error", status: 500, detail: "The server could not answer; the error is logged under this request's id.")
        }
    }
}
