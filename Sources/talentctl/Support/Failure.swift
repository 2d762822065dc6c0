import ArgumentParser
import Foundation
import TalentServices
import TalentText

/// Maps errors to a message on stderr and a sysexits code: 64 usage, 65 bad data, 66 no input file,
/// 69 database unavailable, 70 internal, 77 not permitted. Never a stack trace.
enum Failure {
    static func report(_ error: any Error) -> any Error {
        if error is ExitCode || error is CleanExit { return error }
        if let error = error as? FieldError {
            return emit("invalid \(error)", code: 65)
        }
        guard let error = (error as? ServiceError) ?? ServiceError.databaseFailure(error) else {
            return emit("internal error: \(error)", code: 70)
        }
        if case let .importRejected(report) = error {
            printIssues(report.issues)
            return emit(report.summary, code: 65)
        }
        let message = NextStepCommand.message(error.problem, then: error.nextStep)
        switch error.category {
        case .usage: return emit(message, code: 64)
        case .badData: return emit(message, code: 65)
        case .noInput: return emit(message, code: 66)
        case .unavailable: return emit(message, code: 69)
        case .internalFailure: return emit(message, code: 70)
        case .notPermitted: return emit(message, code: 77)
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

    /// A refusal found by the command itself (exit 65).
    static func refuse(_ message: String) -> ExitCode { emit(message, code: 65) }

    /// Prints an import's report (JSON, or its bad rows then `summary`). A file with bad rows and no good
    /// one fails (exit 65) even with --skip-invalid, so that a script notices; good rows that are stored
    /// already count as good, so importing the same file again is a normal retry (exit 0).
    static func finishImport<Report: Encodable & ImportOutcome>(_ report: Report, json: Bool, summary: String) throws {
        if json { Output.json(report) } else if !report.issues.isEmpty { printIssues(report.issues) }
        if report.invalidRows > 0 && report.added == 0 && report.alreadyStored == 0 {
            throw refuse("\(report.file): \(report.invalidRows) of \(report.rowsTotal) rows are invalid and none could be "
                         + "imported; fix them (see \(report.errorReportPath ?? "the list above"))")
        }
        if !json { Output.line(summary) }
    }

    /// Prints `message` with any full identity or mobile number in it masked (an error never reveals them).
    private static func emit(_ message: String, code: Int32) -> ExitCode {
        Terminal.err("talentctl: \(PersonalDataMask.numbers(in: message))\n")
        return ExitCode(code)
    }
}

/// Plain words for a file that cannot be read or written: on Linux, Foundation's own messages often
/// name only an error number ("NSCocoaErrorDomain error 256").
enum FileAccess {
    /// Why `path` cannot be read as `what` (e.g. "policy file"), or nil when it is a readable file.
    static func readProblem(_ path: String, what: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "cannot read the \(what) '\(path)': there is no such file"
        }
        if isDirectory.boolValue { return "\(path) is a directory, not a \(what)" }
        if !FileManager.default.isReadableFile(atPath: path) {
            return "cannot read the \(what) '\(path)': permission denied"
        }
        return nil
    }

    /// Why writing `path` failed with `error`, naming the cause.
    static func writeProblem(_ path: String, _ error: any Error) -> String {
        var isDirectory: ObjCBool = false
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let reason: String
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            reason = "it is a directory; give a file name"
        } else if !FileManager.default.fileExists(atPath: folder) {
            reason = "the folder \(folder) does not exist"
        } else if let code = posixCode(error) {
            reason = String(cString: strerror(code))
        } else {
            reason = error.localizedDescription
        }
        return "cannot write to '\(path)': \(reason)"
    }

    private static func posixCode(_ error: any Error) -> Int32? {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        guard let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
              underlying.domain == NSPOSIXErrorDomain else { return nil }
        return Int32(underlying.code)
    }
}

/// What ``Failure/finishImport(_:json:summary:)`` reads of an import report.
protocol ImportOutcome {
    var file: String { get }
    var rowsTotal: Int { get }
    var added: Int { get }
    /// Good rows that match what is stored already (left unchanged).
    var alreadyStored: Int { get }
    var invalidRows: Int { get }
    var issues: [ImportIssue] { get }
    var errorReportPath: String? { get }
}

extension TalentImportReport: ImportOutcome {
    var alreadyStored: Int { alreadyRegistered }
}

extension PracticeImportReport: ImportOutcome {
    var alreadyStored: Int { unchanged }
}
