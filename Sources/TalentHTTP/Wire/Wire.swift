import Foundation
import Hummingbird

/// The JSON of the API, in the conventions of talentctl's `--json` (`Sources/talentctl/Support/Output.swift`):
/// snake_case keys, ISO 8601 instants, sorted keys and unescaped slashes, so that the API and `--json`
/// print the same shapes. Only the pretty-printing differs: the API sends compact JSON.
enum Wire {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    static let jsonContentType = "application/json; charset=utf-8"

    /// `value` as a JSON response with `status`.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok,
                     contentType: String = Wire.jsonContentType) throws -> Response {
        let data = try encoder().encode(value)
        return Response(status: status, headers: [.contentType: contentType, .contentLength: String(data.count)],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `text` as a response of `contentType`.
    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        let buffer = ByteBuffer(string: text)
        return Response(status: status, headers: [.contentType: contentType, .contentLength: String(buffer.readableBytes)],
                        body: .init(byteBuffer: buffer))
    }
}

extension Request {
    /// The JSON body as `type`, read up to the route's body limit (413 beyond it). A body that is not
    /// JSON, or whose values have the wrong type or are missing, is a 400 problem naming the field by
    /// its JSON pointer.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: TalentRequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        do {
            return try Wire.decoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw Problem.malformedBody(error)
        }
    }
}
