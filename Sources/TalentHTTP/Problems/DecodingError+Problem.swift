import Foundation
import Hummingbird

extension Problem {
    /// A body that could not be decoded: not JSON at all, or a value missing or of the wrong type, named
    /// by its path in the body (in the API's snake_case, as the client wrote it).
    static func malformedBody(_ error: DecodingError) -> Problem {
        let path: [any CodingKey]
        let detail: String
        switch error {
        case let .dataCorrupted(context) where context.codingPath.isEmpty:
            return Problem(type: type("malformed-body"), title: "Malformed request body", status: .badRequest,
                           detail: "the body is not valid JSON")
        case let .dataCorrupted(context):
            path = context.codingPath
            detail = "the value is not valid here"
        case let .keyNotFound(key, context):
            path = context.codingPath + [key]
            detail = "is required"
        case let .valueNotFound(type, context):
            path = context.codingPath
            detail = "must be \(JSONPointer.kind(of: type)), not null"
        case let .typeMismatch(type, context):
            path = context.codingPath
            detail = "must be \(JSONPointer.kind(of: type))"
        @unknown default:
            return Problem(type: type("malformed-body"), title: "Malformed request body", status: .badRequest,
                           detail: "the body could not be read")
        }
        let field = FieldProblem(field: JSONPointer.field(path), pointer: JSONPointer.pointer(path), detail: detail)
        return Problem(type: type("malformed-body"), title: "Malformed request body", status: .badRequest,
                       detail: "\(field.field): \(detail)", errors: [field])
    }
}

/// JSON pointers (RFC 6901) and dotted names for a coding path, with keys in the API's snake_case.
enum JSONPointer {
    /// `/members/0/birth_date`.
    static func pointer(_ path: [any CodingKey]) -> String {
        path.map { "/" + escape(component($0)) }.joined()
    }

    /// `members.0.birth_date`.
    static func field(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "(body)" : path.map(component).joined(separator: ".")
    }

    /// `~` and `/` escaped as RFC 6901 says.
    static func escape(_ component: String) -> String {
        component.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// An array index, or the key as the client sent it: the decoder converts `birth_date` to the Swift
    /// name `birthDate`, and reports that.
    private static func component(_ key: any CodingKey) -> String {
        if let index = key.intValue { return String(index) }
        return snakeCase(key.stringValue)
    }

    /// `birthDate` → `birth_date`, as `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase` does for
    /// ordinary names; snake_case names are unchanged.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                if !result.isEmpty && result.last != "_" { result.append("_") }
                result += character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// What JSON a Swift type expects, for people: "a string", "a number".
    static func kind(of type: Any.Type) -> String {
        let name = String(describing: type)
        switch type {
        case is String.Type, is Substring.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is Double.Type, is Float.Type: return "a number"
        default: break
        }
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") { return "an object" }
        return "a value of another kind"
    }
}
