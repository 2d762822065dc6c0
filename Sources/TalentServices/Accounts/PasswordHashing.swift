import Dispatch
import HummingbirdBcrypt

/// bcrypt at cost 12 takes a quarter of a second of one core: it runs on a queue of its own, so a
/// burst of sign-ins does not hold up the threads every other request runs on.
enum PasswordHashing {
    private static let queue = DispatchQueue(label: "talentzone.bcrypt", qos: .userInitiated, attributes: .concurrent)

    static func hash(_ password: String, cost: UInt8) async -> String {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.hash(password, cost: cost)) }
        }
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }
}
