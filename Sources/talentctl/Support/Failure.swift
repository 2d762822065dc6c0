import ArgumentParser
import Foundation
import TalentDomain
import TalentServices
import TalentStore
import TalentText

/// Maps errors to a message on stderr and a sysexits code: 64 usage, 65 bad data, 66 no input file,
/// 69 database unavailable, 70 internal. Never a stack trace.
enum Failure {
    static func report(_ error: any Error) -> any Error {
        if error is ExitCode || error is CleanExit { return error }
        if let error = error as? FieldError {
            return emit("invalid \(error)", code: 65)
        }
        guard let error = error as? ServiceError else {
            if let store = error as? StoreError { return report(ServiceError.store(store)) }
            return emit("internal error: \(error)", code: 70)
        }
        switch error {
        case let .importRejected(report):
            printIssues(report.issues)
            return emit(report.summary, code: 65)
        case .invalid, .duplicate, .illegalTransition, .refused, .invalidPolicy:
            return emit(error.description, code: 65)
        case .notFound:
            return emit(error.description, code: 65)
        case .unreadableFile:
            return emit(error.description, code: 66)
        case let .store(storeError):
            switch storeError {
            case .configuration: return emit(storeError.description, code: 64)
            case .unavailable: return emit(storeError.description, code: 69)
            case .duplicate, .missingReference, .overlap, .rejected, .refused, .notFound, .migration:
                return emit(storeError.description, code: 65)
            case .internal: return emit(storeError.description, code: 70)
            }
        }
    }

    static func printIssues(_ issues: [ImportIssue], limit: Int = 50) {
        var table = TextTable(headers: ["line", "column", "value", "reason"], rightAligned: [0])
        for issue in issues.prefix(limit) {
            table.append([String(issue.line), issue.column ?? "", DisplayWidth.truncate(issue.value ?? "", to: 24), issue.reason])
        }
        Terminal.err(table.render() + "\n")
        if issues.count > limit {
            Terminal.err("… and \(issues.count - limit) more\n")
        }
    }

    private static func emit(_ message: String, code: Int32) -> ExitCode {
        Terminal.err("talentctl: \(message)\n")
        return ExitCode(code)
    }
}
