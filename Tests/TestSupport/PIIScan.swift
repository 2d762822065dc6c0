import Foundation

/// Finds full identity and mobile numbers in text that must not show them (everything `talentctl`
/// prints or writes without `--reveal-pii`, and the server log).
///
/// Written apart from the product's masking on purpose, so that one mistake cannot hide itself:
/// - a resident identity number: 17 digits and a digit or X standing alone (not inside a longer run of
///   letters and digits), that passes the GB 11643 checksum or has a real birth date in characters
///   7–14 (a mistyped number is as personal as a valid one);
/// - a mainland mobile number: 11 digits `1[3-9]…` standing alone, also after `86`;
/// - a passport number the tests gave to `talentctl` (`--passport`, `NAT:PASSPORT`), standing alone.
/// Masked forms (`1101**********002X`, `138****8000`, `C0*****47`) never match: `*` breaks the run.
public enum PIIScan {
    /// The full numbers found in `text`, in order of appearance.
    public static func leaks(in text: String) -> [String] {
        let passports = knownPassports.snapshot()
        var found: [String] = []
        for token in tokens(of: text) {
            if isIdentityNumber(token) || isMobileNumber(token) || passports.contains(token.uppercased()) {
                found.append(token)
            }
        }
        return found
    }

    /// Remembers the passport numbers in `arguments` (after `--passport`, in a `NAT:PASSPORT` key, or in
    /// the `passport` column of a CSV file named) so that output showing them is found.
    public static func notePassports(in arguments: [String], workingDirectory: String?) {
        for file in Talentctl.files(named: arguments, in: workingDirectory) where file.hasSuffix(".csv") {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            guard let header = lines.first,
                  let column = header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces.union(["\u{FEFF}", "\""])) == "passport" })
            else { continue }
            for fields in lines.dropFirst() where column < fields.count {
                knownPassports.insert(fields[column].trimmingCharacters(in: .whitespaces.union(["\""])).uppercased())
            }
        }
        for (index, argument) in arguments.enumerated() {
            if argument == "--passport", index + 1 < arguments.count {
                knownPassports.insert(arguments[index + 1].trimmingCharacters(in: .whitespaces).uppercased())
            } else if argument.hasPrefix("--passport=") {
                knownPassports.insert(String(argument.dropFirst("--passport=".count)).uppercased())
            } else if let colon = argument.firstIndex(of: ":"), argument.distance(from: argument.startIndex, to: colon) == 3,
                      argument.prefix(3).allSatisfy({ $0.isASCII && $0.isUppercase }) {
                let number = String(argument[argument.index(after: colon)...]).uppercased()
                if (5...20).contains(number.count), number.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) {
                    knownPassports.insert(number)
                }
            }
        }
    }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432")

    static func isIdentityNumber(_ token: String) -> Bool {
        let characters = Array(token.uppercased())
        guard characters.count == 18, characters.prefix(17).allSatisfy({ $0.isASCII && $0.isNumber }),
              let last = characters.last, (last.isASCII && last.isNumber) || last == "X" else { return false }
        let digits = characters.prefix(17).map { Int(String($0))! }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        if checkCharacters[sum % 11] == last { return true }
        let year = Int(String(characters[6..<10]))!, month = Int(String(characters[10..<12]))!
        let day = Int(String(characters[12..<14]))!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard (1800...2099).contains(year), let date = calendar.date(from: components) else { return false }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == year && back.month == month && back.day == day
    }

    static func isMobileNumber(_ token: String) -> Bool {
        var digits = Array(token)
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if digits.count == 13, digits.starts(with: ["8", "6"]) { digits.removeFirst(2) }
        return digits.count == 11 && digits[0] == "1" && ("3"..."9").contains(digits[1])
    }

    /// Runs of ASCII letters, digits and colons.
    static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character.isASCII && (character.isLetter || character.isNumber || character == ":") {
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(contentsOf: split(current))
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(contentsOf: split(current)) }
        return tokens
    }

    /// A run and its colon-separated parts (`talent:11010519491231002X` holds a number after the colon).
    private static func split(_ run: String) -> [String] {
        guard run.contains(":") else { return [run] }
        return [run] + run.split(separator: ":").map(String.init)
    }

    private static let knownPassports = PassportSet()
}

private final class PassportSet: @unchecked Sendable {
    private let lock = NSLock()
    private var numbers: Set<String> = []

    func insert(_ number: String) {
        guard number.count >= 5 else { return }
        lock.lock()
        defer { lock.unlock() }
        numbers.insert(number)
    }

    func snapshot() -> Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return numbers
    }
}
