import Foundation
import Hummingbird

/// What a handler knows about its request besides the request itself: the route's body limit (set
/// when the route matched) and Hummingbird's core context (the logger, the path parameters, the route
/// template). The signed-in `Principal` goes here when accounts come.
struct TalentRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The matched route's body limit; `Request.decodeJSON` and any body reader read no further.
    var maxUploadSize: Int

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        maxUploadSize = ServerConfiguration.defaultBodyLimit
    }

    /// Hummingbird's own decoding (`request.decode(as:context:)`) reads in the API's conventions too,
    /// but handlers use ``Request/decodeJSON(_:context:)``, whose errors name the field.
    var requestDecoder: JSONDecoder { Wire.decoder() }
    var responseEncoder: JSONEncoder { Wire.encoder() }
}
