import Crypto
import Foundation

/// The lottery key of an application in a round: the lowercase hex SHA-256 of the UTF-8 string
/// `<seed>:<application number>`. Anyone can recompute it, e.g. `printf '2026:A-0001' | sha256sum`.
///
/// The seed is fixed (and published) before the draw, so nobody can choose a key; keys only break
/// ties between applicants of the same priority group and score.
public enum LotteryKey {
    /// The 64-character lowercase hex key of `applicationNumber` under `seed`.
    public static func of(seed: String, applicationNumber: String) -> String {
        hex(SHA256.hash(data: Data("\(seed):\(applicationNumber)".utf8)))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ digest: SHA256.Digest) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
