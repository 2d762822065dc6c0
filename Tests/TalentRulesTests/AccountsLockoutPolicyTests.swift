import Foundation
import Testing
import TalentDomain
import TalentRules

/// The standard lockout: 5 failures in a row lock for 900 seconds, and the count starts again.
@Suite("Accounts: lockout policy")
struct AccountsLockoutPolicyTests {
    let policy = LockoutPolicy.standard
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func theStandardPolicy() throws {
        #expect(policy.maximumFailures == 5)
        #expect(policy.lockSeconds == 900)
        #expect(try LockoutPolicy(maximumFailures: 5, lockSeconds: 900) == policy)
    }

    @Test func fourFailuresDoNotLock() {
        for failuresSoFar in 0..<4 {
            #expect(policy.afterFailure(failuresSoFar: failuresSoFar, now: now)
                == LockoutDecision(failures: failuresSoFar + 1, lockedUntil: nil))
        }
    }

    @Test func theFifthLocksFor900SecondsAndResets() {
        let decision = policy.afterFailure(failuresSoFar: 4, now: now)
        #expect(decision == LockoutDecision(failures: 0, lockedUntil: now.addingTimeInterval(900)))
        #expect(policy.afterFailure(failuresSoFar: 9, now: now).lockedUntil != nil, "a count over the maximum locks too")
        let single = try! LockoutPolicy(maximumFailures: 1, lockSeconds: 60)
        #expect(single.afterFailure(failuresSoFar: 0, now: now) == LockoutDecision(failures: 0, lockedUntil: now.addingTimeInterval(60)))
    }

    @Test func lockedStrictlyBeforeTheLockEnds() {
        let until = now.addingTimeInterval(900)
        #expect(policy.isLocked(lockedUntil: until, now: now))
        #expect(policy.isLocked(lockedUntil: until, now: until.addingTimeInterval(-1)))
        #expect(!policy.isLocked(lockedUntil: until, now: until), "open again at the lock's end")
        #expect(!policy.isLocked(lockedUntil: until, now: until.addingTimeInterval(1)))
        #expect(!policy.isLocked(lockedUntil: nil, now: now))
    }

    @Test(arguments: [(0, 900), (101, 900), (-1, 900), (5, 59), (5, 86_401), (5, 0)])
    func invalidValuesThrow(maximumFailures: Int, lockSeconds: Int) {
        #expect(throws: ValidationError.self) { try LockoutPolicy(maximumFailures: maximumFailures, lockSeconds: lockSeconds) }
    }

    @Test func theErrorNamesTheField() throws {
        #expect(throws: ValidationError(
            field: "lockout.maximum_failures", value: "0", reason: "must be a whole number from 1 to 100",
            hint: "Give the number of failed sign-ins in a row that lock an account, e.g. 5.")) {
            try LockoutPolicy(maximumFailures: 0, lockSeconds: 900)
        }
        do {
            _ = try LockoutPolicy(maximumFailures: 5, lockSeconds: 30)
            Issue.record("a 30-second lock was accepted")
        } catch {
            #expect(error.field == "lockout.lock_seconds")
            #expect(error.description == "lockout.lock_seconds '30': must be a whole number of seconds from 60 to 86400. "
                + "Give how long a lock lasts, e.g. 900 for 15 minutes.")
        }
        #expect(try LockoutPolicy(maximumFailures: 100, lockSeconds: 86_400).lockSeconds == 86_400, "the ends of the ranges")
        #expect(try LockoutPolicy(maximumFailures: 1, lockSeconds: 60).maximumFailures == 1)
    }
}
