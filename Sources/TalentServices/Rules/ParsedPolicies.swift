import Foundation
import TalentRules

/// Stored policies as parsed, by their exact text: a talent's status page reads the policy in force on
/// every request, and parsing its YAML costs more than the rest of the request's work. The key is the
/// whole text, so a changed row is parsed anew; nothing here can disagree with the database, and each
/// process keeps its own (a few entries: policies are versions loaded by hand).
final class ParsedPolicies: @unchecked Sendable {
    static let shared = ParsedPolicies()
    private let lock = NSLock()
    private var files: [String: PolicyFile] = [:]
    private let capacity = 16

    func file<Failure: Error>(_ text: String, parse: () throws(Failure) -> PolicyFile) throws(Failure) -> PolicyFile {
        if let found = lock.withLock({ files[text] }) { return found }
        let parsed = try parse()
        lock.withLock {
            if files.count >= capacity { files.removeAll() }
            files[text] = parsed
        }
        return parsed
    }
}
