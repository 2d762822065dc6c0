import Foundation
import TalentDomain
import TalentRules
import TalentStore

extension PolicyInForce {
    /// The built-in default policy (`PolicyFile.standard`), parsed once.
    static let builtInDefault: PolicyInForce = {
        let standard = PolicyFile.standard
        return PolicyInForce(file: standard, sha256: standard.sha256, effective: standard.policy.effective, isStored: false)
    }()

    /// The policy labelled `version`: the stored version with that label, else the built-in default when
    /// that is its label. A round names its policy this way, so it is found again at commit and verify.
    static func resolve(version: String, _ session: StoreSession) async throws -> PolicyInForce {
        if let stored = try await session.policy(version: version), let content = stored.content {
            do {
                let file = try PolicyFile(text: content, file: "stored policy \(stored.version)")
                return PolicyInForce(file: file, sha256: stored.sha256, effective: stored.effective, isStored: true)
            } catch {
                throw ServiceError.refused(
                    "the stored policy \(stored.version) no longer reads with this version of TalentZone:\n"
                        + error.description + "\n", next: .replacePolicy(version: stored.version))
            }
        }
        if version == builtInDefault.version { return builtInDefault }
        let known = try await session.policies().map(\.version)
        throw ServiceError.notFound(
            "no policy version \(version) is stored and it is not the built-in default (\(builtInDefault.version)); "
                + (known.isEmpty ? "none is stored yet" : "stored: \(known.joined(separator: ", "))"),
            next: known.isEmpty ? .loadPolicy : nil)
    }

    /// A policy read from a file that is not (necessarily) stored, e.g. for `rules simulate`.
    static func file(at path: String) throws(ServiceError) -> PolicyInForce {
        let data = try readPolicyFile(at: path)
        do {
            let file = try PolicyFile(data: data, file: (path as NSString).lastPathComponent)
            return PolicyInForce(file: file, sha256: file.sha256, effective: file.policy.effective, isStored: false)
        } catch {
            throw .invalidPolicy(error)
        }
    }

    /// The bytes of a policy file, or why it cannot be read, in words (a folder, a missing file).
    static func readPolicyFile(at path: String) throws(ServiceError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableFile("cannot read the policy file '\(path)': there is no such file")
        }
        if isDirectory.boolValue { throw .unreadableFile("\(path) is a directory, not a policy file") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let readable = FileManager.default.isReadableFile(atPath: path)
            throw .unreadableFile("cannot read the policy file '\(path)': " + (readable ? "\(error)" : "permission denied"))
        }
    }

    /// Where the policy comes from, for reports: `stored`, `built-in default`, or `file`.
    func source(fromFile: Bool) -> String {
        fromFile ? "file" : isStored ? "stored" : "built-in default"
    }
}
