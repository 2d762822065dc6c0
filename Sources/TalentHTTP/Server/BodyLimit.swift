import Hummingbird

/// A route's body limit. A body that declares a larger `Content-Length` is refused before any of it is
/// read; one sent in chunks is read up to the limit (`body.collect(upTo: context.maxUploadSize)`) and
/// refused there, so no request holds more than its route's limit in memory.
enum BodyLimit {
    static func refuseDeclaredOverflow(_ request: Request, limit: Int) throws {
        guard let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit else { return }
        throw tooLarge(limit: limit)
    }

    static func tooLarge(limit: Int) -> Problem {
        Problem(type: Problem.type("body-too-large"), title: "Request body too large", status: .contentTooLarge,
                detail: "the request body is larger than this route takes (\(describe(limit)))")
    }

    /// `1 MiB`, `64 MiB`, `512 KiB`, `100 bytes`.
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
