import Foundation
import TalentDomain

/// When repeated failed sign-ins lock an account, and for how long. Pure: the service stores the
/// failure count and the lock's end with the account and passes them in with the time.
public struct LockoutPolicy: Sendable, Equatable {
    /// The failed sign-ins in a row that lock the account.
    public let maximumFailures: Int
    /// How long a lock lasts, in seconds.
    public let lockSeconds: Int

    /// The allowed values of ``maximumFailures``.
    public static let maximumFailuresRange = 1...100
    /// The allowed values of ``lockSeconds``: one minute to one day.
    public static let lockSecondsRange = 60...86_400

    /// A checked policy; throws when a value is outside ``maximumFailuresRange`` or ``lockSecondsRange``.
    public init(maximumFailures: Int, lockSeconds: Int) throws(ValidationError) {
        guard Self.maximumFailuresRange.contains(maximumFailures) else {
            throw ValidationError(
                field: "lockout.maximum_failures", value: String(maximumFailures),
                reason: "must be a whole number from 1 to 100",
                hint: "Give the number of failed sign-ins in a row that lock an account, e.g. 5.")
        }
        guard Self.lockSecondsRange.contains(lockSeconds) else {
            throw ValidationError(
                field: "lockout.lock_seconds", value: String(lockSeconds),
                reason: "must be a whole number of seconds from 60 to 86400",
                hint: "Give how long a lock lasts, e.g. 900 for 15 minutes.")
        }
        self.init(checkedMaximumFailures: maximumFailures, lockSeconds: lockSeconds)
    }

    private init(checkedMaximumFailures: Int, lockSeconds: Int) {
        self.maximumFailures = checkedMaximumFailures
        self.lockSeconds = lockSeconds
    }

    /// 5 failures in a row lock the account for 15 minutes.
    public static let standard = LockoutPolicy(checkedMaximumFailures: 5, lockSeconds: 900)

    /// What to store after one more failed sign-in, when `failuresSoFar` failures came before it.
    /// The failure that reaches ``maximumFailures`` locks the account until `now` + ``lockSeconds``
    /// and starts the count again at 0.
    public func afterFailure(failuresSoFar: Int, now: Date) -> LockoutDecision {
        let failures = max(0, failuresSoFar) + 1
        guard failures >= maximumFailures else { return LockoutDecision(failures: failures, lockedUntil: nil) }
        return LockoutDecision(failures: 0, lockedUntil: now.addingTimeInterval(TimeInterval(lockSeconds)))
    }

    /// Whether an account locked until `lockedUntil` is locked at `now`: strictly before the lock's
    /// end. At `lockedUntil` itself the account is open again.
    public func isLocked(lockedUntil: Date?, now: Date) -> Bool {
        guard let lockedUntil else { return false }
        return now < lockedUntil
    }
}

/// The account's failure count and lock after a failed sign-in, as ``LockoutPolicy/afterFailure(failuresSoFar:now:)`` decides.
public struct LockoutDecision: Sendable, Equatable {
    /// The failed sign-ins in a row to store (0 when this failure locked the account).
    public var failures: Int
    /// The end of the lock, nil when the account is not locked.
    public var lockedUntil: Date?

    public init(failures: Int, lockedUntil: Date?) {
        self.failures = failures
        self.lockedUntil = lockedUntil
    }
}
