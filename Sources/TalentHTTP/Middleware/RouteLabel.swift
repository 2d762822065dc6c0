import Hummingbird

/// The route of a request as logs and metrics name it: its template (`/api/v1/talents/{id}`), never the
/// path it was called with, which can carry data; `unmatched` when no route matched.
enum RouteLabel {
    static func of(_ context: some RequestContext) -> String {
        guard let path = context.endpointPath, path != "NotFound" else { return "unmatched" }
        return path
    }

    /// The method, or `other` for one no route has (a client may send any token; metrics labels must
    /// stay few).
    static func method(_ method: HTTPRequest.Method) -> String {
        RouteTable.answered.contains(method) ? method.rawValue : "other"
    }
}
