import Crypto
import Foundation
import TalentDomain

/// Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226): the second factor of a sign-in.
/// Pure: the time is a parameter, and a new secret comes from a generator the caller passes.
///
/// The secret is hidden when the value is printed or dumped; ``provisioningURI(issuer:account:)`` is
/// the one place it leaves, for the enrolment QR code shown to the account holder only.
public struct TOTP: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The HMAC hash of RFC 6238. Authenticator apps assume SHA1 when the URI names none.
    public enum Algorithm: String, Sendable, CaseIterable {
        case sha1 = "SHA1"
        case sha256 = "SHA256"
        case sha512 = "SHA512"
    }

    /// The shared secret, at least ``minimumSecretBytes`` bytes.
    public let secret: [UInt8]
    /// Digits in a code, 6 to 8.
    public let digits: Int
    /// Seconds in a time step.
    public let period: Int
    public let algorithm: Algorithm

    /// RFC 4226 §4: the shared secret must be at least 128 bits.
    public static let minimumSecretBytes = 16
    /// The allowed values of ``digits``.
    public static let digitsRange = 6...8
    /// The widest window ``matchingStep(_:at:window:)`` looks at on each side of the current step.
    public static let maximumWindow = 10

    /// A checked generator; throws when the secret is shorter than 16 bytes, `digits` is outside 6...8
    /// or `period` is not positive.
    public init(secret: [UInt8], digits: Int = 6, period: Int = 30, algorithm: Algorithm = .sha1) throws(ValidationError) {
        guard secret.count >= Self.minimumSecretBytes else {
            // The value names the length only: a secret never goes into a message.
            throw ValidationError(
                field: "totp.secret", value: "\(secret.count) bytes",
                reason: "must be at least \(Self.minimumSecretBytes) bytes (128 bits)",
                hint: "Enrol the account again to get a new secret of 20 bytes.")
        }
        guard Self.digitsRange.contains(digits) else {
            throw ValidationError(
                field: "totp.digits", value: String(digits), reason: "must be 6, 7 or 8",
                hint: "Use 6, which every authenticator app supports.")
        }
        guard period >= 1 else {
            throw ValidationError(
                field: "totp.period", value: String(period), reason: "must be a whole number of seconds, at least 1",
                hint: "Use 30, which every authenticator app supports.")
        }
        self.secret = secret
        self.digits = digits
        self.period = period
        self.algorithm = algorithm
    }

    // MARK: Codes

    /// The HOTP code for `counter` (RFC 4226 §5.3: dynamic truncation), zero-padded to ``digits``.
    public func code(counter: UInt64) -> String {
        let mac = authenticationCode(for: counter)
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let truncated = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let number = String(truncated % modulus)
        return String(repeating: "0", count: digits - number.count) + number
    }

    /// The time step of `date`: whole periods since 1970-01-01T00:00:00Z (0 for earlier dates).
    public func timeStep(at date: Date) -> UInt64 {
        let steps = (date.timeIntervalSince1970 / Double(period)).rounded(.down)
        guard steps > 0 else { return 0 }  // also NaN
        return steps < Double(UInt64.max) ? UInt64(steps) : .max
    }

    /// The code an authenticator app shows at `date`.
    public func code(at date: Date) -> String {
        code(counter: timeStep(at: date))
    }

    /// The time step within `window` steps either side of `date`'s whose code is `candidate`, or nil
    /// when none is or `candidate` is not exactly ``digits`` ASCII digits. The service stores the step
    /// of each accepted code and refuses a step at or before it, so a code works once.
    ///
    /// Every step of the window is computed and compared in full, without stopping at a match, so the
    /// time taken does not tell how much of a guess was right. Should two steps share the code, the
    /// later is returned. `window` is clamped to 0...``maximumWindow``.
    public func matchingStep(_ candidate: String, at date: Date, window: Int = 1) -> UInt64? {
        let given = Array(candidate.utf8)
        guard given.count == digits, given.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        let now = timeStep(at: date)
        let width = UInt64(min(max(window, 0), Self.maximumWindow))
        let first = now >= width ? now - width : 0
        let last = now <= UInt64.max - width ? now + width : UInt64.max
        var matched: UInt64 = 0
        var found: UInt8 = 0
        for step in first...last {
            var difference: UInt8 = 0
            for (expected, typed) in zip(code(counter: step).utf8, given) { difference |= expected ^ typed }
            let isMatch = UInt8(truncatingIfNeeded: (UInt16(difference) &- 1) >> 15)  // 1 when difference is 0, else 0
            let mask = 0 &- UInt64(isMatch)
            matched = (matched & ~mask) | (step & mask)
            found |= isMatch
        }
        return found == 1 ? matched : nil
    }

    private func authenticationCode(for counter: UInt64) -> [UInt8] {
        let key = SymmetricKey(data: secret)
        let message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
        switch algorithm {
        case .sha1: return Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512: return Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
    }

    // MARK: Enrolment

    /// A new secret of `byteCount` bytes from `generator` (20 bytes, 160 bits, as RFC 4226 recommends).
    /// Pass a cryptographically secure generator outside tests.
    public static func randomSecret<G: RandomNumberGenerator>(byteCount: Int = 20, using generator: inout G) -> [UInt8] {
        (0..<max(0, byteCount)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A new secret of `byteCount` bytes from the system's secure generator.
    public static func randomSecret(byteCount: Int = 20) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return randomSecret(byteCount: byteCount, using: &generator)
    }

    /// The `otpauth://` URI an authenticator app reads from a QR code:
    /// `otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30`,
    /// issuer and account percent-encoded (UTF-8; everything but letters, digits and `-._~`).
    /// It holds the secret: show it to the account holder once, never log or store it.
    public func provisioningURI(issuer: String, account: String) -> String {
        let encodedIssuer = Self.percentEncoded(issuer)
        return "otpauth://totp/\(encodedIssuer):\(Self.percentEncoded(account))"
            + "?secret=\(Base32.encode(secret))&issuer=\(encodedIssuer)"
            + "&algorithm=\(algorithm.rawValue)&digits=\(digits)&period=\(period)"
    }

    private static func percentEncoded(_ text: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    // MARK: Printing without the secret

    /// `TOTP(SHA1, 6 digits, 30 s, secret hidden)`.
    public var description: String { "TOTP(\(algorithm.rawValue), \(digits) digits, \(period) s, secret hidden)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["digits": digits, "period": period, "algorithm": algorithm], displayStyle: .struct)
    }
}
