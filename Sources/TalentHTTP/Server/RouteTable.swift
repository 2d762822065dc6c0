import Hummingbird

/// One resource's routes, in a file of its own under `Routes/` (`Routes/HealthRoutes.swift`): a few
/// lines per route that decode the request, call one service method, and render the result. The
/// groups the server has are listed once, in ``TalentServer/routeGroups(zone:configuration:metrics:)``.
protocol RouteGroup: Sendable {
    func add(to routes: RouteTable)
}

/// What a handler is: the request and its context in, a response out; a thrown error becomes a problem
/// document (``ProblemMiddleware``).
typealias RouteHandler = @Sendable (Request, TalentRequestContext) async throws -> Response

/// The server's routes as they are added. Every route goes through here, so that each gets its body
/// limit, and each path answers the methods it lacks with 405 and `Allow` (Hummingbird's router alone
/// would answer 404).
final class RouteTable {
    /// How much of a body a route reads.
    enum Body {
        /// A JSON body up to ``ServerConfiguration/bodyLimit`` (also routes that read none).
        case json
        /// A file upload (a CSV import) up to ``ServerConfiguration/uploadLimit``.
        case upload
    }

    let router: Router<TalentRequestContext>
    private let configuration: ServerConfiguration
    /// Each path's methods, in the order they were added.
    private var methods: [(path: String, methods: [HTTPRequest.Method])] = []

    /// The methods a path that lacks them answers with 405 (HEAD comes with GET).
    static let answered: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    init(router: Router<TalentRequestContext>, configuration: ServerConfiguration) {
        self.router = router
        self.configuration = configuration
    }

    func get(_ path: String, _ handler: @escaping RouteHandler) {
        add(.get, path, body: .json, handler)
    }

    func post(_ path: String, body: Body = .json, _ handler: @escaping RouteHandler) {
        add(.post, path, body: body, handler)
    }

    func put(_ path: String, _ handler: @escaping RouteHandler) {
        add(.put, path, body: .json, handler)
    }

    func patch(_ path: String, _ handler: @escaping RouteHandler) {
        add(.patch, path, body: .json, handler)
    }

    func delete(_ path: String, _ handler: @escaping RouteHandler) {
        add(.delete, path, body: .json, handler)
    }

    /// Adds `handler` for `method` on `path` (a template: `/api/v1/talents/{id}`).
    func add(_ method: HTTPRequest.Method, _ path: String, body: Body, _ handler: @escaping RouteHandler) {
        let limit = body == .upload ? configuration.uploadLimit : configuration.bodyLimit
        router.on(RouterPath(path), method: method) { (request, context) async throws -> Response in
            var context = context
            context.maxUploadSize = limit
            try BodyLimit.refuseDeclaredOverflow(request, limit: limit)
            do {
                return try await handler(request, context)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                throw BodyLimit.tooLarge(limit: limit)  // a chunked body went past the limit
            }
        }
        if let index = methods.firstIndex(where: { $0.path == path }) {
            methods[index].methods.append(method)
        } else {
            methods.append((path, [method]))
        }
    }

    /// Adds the 405 answers; call once, after every group has added its routes.
    func finish() {
        for (path, present) in methods {
            let allowed = present.contains(.get) && !present.contains(.head) ? present + [.head] : present
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            for method in Self.answered where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { (request, _) async throws -> Response in
                    throw Problem(status: .methodNotAllowed,
                                  detail: "\(request.method.rawValue) is not allowed here; use \(allow)",
                                  headers: [.allow: allow])
                }
            }
        }
    }
}
