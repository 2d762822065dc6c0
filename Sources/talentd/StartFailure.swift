import ArgumentParser
import Foundation
import TalentHTTP
import TalentServices

/// Why talentd could not start (or stopped), as one line on standard error and a sysexits code: 64
/// usage or configuration, 65 bad data, 66 no input, 69 the database or the address unavailable, 70
/// internal, 77 not permitted, as talentctl's. Never a stack trace.
enum StartFailure {
    static func report(_ error: any Error) -> any Error {
        if error is ExitCode || error is CleanExit { return error }
        if let error = error as? TalentServer.StartError { return emit(error.description, code: 69) }
        guard let error = (error as? ServiceError) ?? ServiceError.databaseFailure(error) else {
            return emit("internal error: \(error)", code: 70)
        }
        switch error.category {
        case .usage: return emit(error.description, code: 64)
        case .badData: return emit(error.description, code: 65)
        case .noInput: return emit(error.description, code: 66)
        case .unavailable: return emit(error.description, code: 69)
        case .internalFailure: return emit(error.description, code: 70)
        case .notPermitted: return emit(error.description, code: 77)
        }
    }

    private static func emit(_ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("talentd: \(PersonalDataMask.numbers(in: message))\n".utf8))
        return ExitCode(code)
    }
}
