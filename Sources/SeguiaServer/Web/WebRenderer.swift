import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import SeguiaCore

/// A page to send: which template, its values, its title (plain text: the templates escape it).
struct WebPage {
    var template: String
    var title: String
    var values: [String: Any]
    var status: HTTPResponse.Status = .ok
    /// Where the page's search box points and what it holds.
    var searchText: String?
}

/// Renders pages inside the one layout: language, direction, language switch that keeps the
/// page, `hreflang` alternates, navigation, and the headers every page carries.
///
/// Every value is escaped by Mustache's `{{…}}`; the few `{{{…}}}` in the templates take HTML
/// this server wrote itself (charts, snippets whose user text was escaped first).
struct WebRenderer: Sendable {
    let library: MustacheLibrary
    let catalogue: Catalogue
    let assets: StaticAssets

    static var templateDirectory: URL? { Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "web") }

    static func load() throws -> WebRenderer {
        guard let directory = templateDirectory else { throw WebResourceMissing(name: "web/templates") }
        var templates: [String: MustacheTemplate] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            templates[String(file.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
        }
        return WebRenderer(library: MustacheLibrary(templates: templates), catalogue: try Catalogue.load(), assets: try StaticAssets.load())
    }

    /// No script but the project's own file, no style but its own sheet, nothing from another site.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    func response(_ page: WebPage, language: Language, request: Request) -> Response {
        let words = catalogue.words(language)
        var values = page.values
        values["t"] = words
        values["lang"] = language.rawValue
        let body = library.render(values, withTemplate: page.template) ?? ""
        let rest = Self.pathAfterLanguage(request.uri.path)
        let query = request.uri.query.map { "?" + $0 } ?? ""
        let languages: [[String: Any]] = Language.allCases.map { other in
            [
                "code": other.rawValue, "name": catalogue.text("language_\(other.rawValue)", other), "href": "/\(other.rawValue)\(rest)\(query)",
                "current": other == language, "dir": WebLanguage.direction(other),
            ]
        }
        let section = rest.split(separator: "/").first.map(String.init) ?? ""
        let navigation: [[String: Any]] = [("", "nav_home"), ("practices", "nav_practices"), ("indicators", "nav_indicators"),
                                           ("territories", "nav_territories"), ("documents", "nav_documents"), ("compare", "nav_compare")].map { path, key in
            ["href": "/\(language.rawValue)" + (path.isEmpty ? "" : "/\(path)"), "label": words[key] ?? key, "current": section == path]
        }
        var layout: [String: Any] = [
            "lang": language.rawValue, "dir": WebLanguage.direction(language), "title": page.title, "t": words, "body": body,
            "languages": languages, "navigation": navigation, "searchText": page.searchText ?? "",
            "home": "/\(language.rawValue)", "css": assets.href("seguia.css"), "js": assets.href("seguia.js"),
        ]
        if let viewer = WebViewer.current {
            var shown: [String: Any] = ["name": viewer.account.name, "csrf": viewer.formToken, "work": "/\(language.rawValue)/work"]
            if viewer.unreadNotifications > 0 {
                shown["unread"] = catalogue.text("work_unread", language, ["count": "\(viewer.unreadNotifications)"])
            }
            layout["viewer"] = shown
        } else if !rest.hasPrefix("/sign-in") {
            layout["signIn"] = "/\(language.rawValue)/sign-in?" + FormEncoding.query([("next", request.uri.path + query)])
        } else {
            layout["signIn"] = "/\(language.rawValue)/sign-in"
        }
        let html = library.render(layout, withTemplate: "layout") ?? ""
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLanguage] = language.rawValue
        // A page says who is signed in: it is never kept for anyone else.
        headers[.cacheControl] = WebViewer.current == nil ? "no-cache" : "private, no-cache"
        headers[.vary] = "Cookie"
        Self.addSecurityHeaders(to: &headers)
        return Response(status: page.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A page that is one person's own (their account, their work): never stored by any cache.
    func privateResponse(_ page: WebPage, language: Language, request: Request) -> Response {
        var response = response(page, language: language, request: request)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func addSecurityHeaders(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    }

    /// `/fr/practices/x` → `/practices/x`; `/fr` → ``.
    static func pathAfterLanguage(_ path: String) -> String {
        guard WebLanguage.of(path: String(path.dropFirst())) != nil else { return path == "/" ? "" : path }
        return String(path.dropFirst(3))
    }
}

/// The stylesheet and script, served under `/static/` with a content hash in their links so that
/// browsers may keep them for a year and still see a new version at once.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        var data: ByteBuffer
        var contentType: String
        var hash: String
    }

    let files: [String: Asset]

    static func load() throws -> StaticAssets {
        var files: [String: Asset] = [:]
        for (name, type) in [("seguia.css", "text/css; charset=utf-8"), ("seguia.js", "text/javascript; charset=utf-8")] {
            let parts = name.split(separator: ".")
            guard let url = Bundle.module.url(forResource: String(parts[0]), withExtension: String(parts[1]), subdirectory: "web/static") else {
                throw WebResourceMissing(name: "web/static/\(name)")
            }
            let data = try Data(contentsOf: url)
            let hash = SHA256.hash(data: data).prefix(6).map { String(format: "%02x", $0) }.joined()
            files[name] = Asset(data: ByteBuffer(bytes: data), contentType: type, hash: hash)
        }
        return StaticAssets(files: files)
    }

    func href(_ name: String) -> String { "/static/\(name)?v=\(files[name]?.hash ?? "0")" }

    func response(_ name: String, request: Request) throws -> Response {
        guard let asset = files[name] else { throw HTTPError(.notFound) }
        let tag = "\"\(asset.hash)\""
        var headers = HTTPFields()
        headers[.eTag] = tag
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        headers[.xContentTypeOptions] = "nosniff"
        if request.headers[.ifNoneMatch] == tag {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: asset.data))
    }
}
