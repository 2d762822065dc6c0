import Foundation

/// libpq's connection service file: `[name]` groups of `keyword=value` lines, `#` comments.
///
/// A service is looked up as libpq does: first in the user's file (`PGSERVICEFILE`, else
/// `~/.pg_service.conf`); only when the group is not there, in the system file
/// `PGSYSCONFDIR/pg_service.conf` (default `/etc/postgresql-common/pg_service.conf`, Debian's libpq).
enum ServiceFile {
    /// One `keyword=value` line of the service's group.
    struct Entry: Sendable, Equatable {
        var keyword: String
        var value: String
        /// `FILE line N`, for messages.
        var source: String
    }

    /// Debian's libpq is built with this SYSCONFDIR.
    static let systemFolder = "/etc/postgresql-common"

    /// The entries of service `name`, or a configuration error when no file defines it.
    static func entries(of name: String, named origin: String, environment: [String: String], home: String?)
        throws(StoreError) -> [Entry] {
        var searched: [String] = []
        let userFile = environment["PGSERVICEFILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? home.map { $0 + "/.pg_service.conf" }
        if let userFile {
            searched.append(userFile)
            if let entries = try group(name, inFile: userFile) { return entries }
        }
        let folder = environment["PGSYSCONFDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? systemFolder
        let systemFile = folder + "/pg_service.conf"
        searched.append(systemFile)
        if let entries = try group(name, inFile: systemFile) { return entries }
        throw StoreError.configuration(
            "the service '\(name)' (from \(origin)) is not defined: there is no [\(name)] group in "
                + searched.joined(separator: " or ")
                + ". Add the group, set PGSERVICEFILE to the file that has it, or remove the service setting")
    }

    /// The group's entries if `path` exists and has the group; nil when the file is missing or lacks it.
    static func group(_ name: String, inFile path: String) throws(StoreError) -> [Entry]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError.configuration("the service file \(path) cannot be read; check its permissions")
        }
        return try group(name, in: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses the text of a service file, as libpq's `parseServiceFile` does: lines are trimmed, the
    /// group runs from a line starting `[name]` to the next `[…]`, and inside it every line must be `keyword=value`
    /// (no spaces around `=`) with a keyword talentctl understands.
    static func group(_ name: String, in text: String, path: String) throws(StoreError) -> [Entry]? {
        var inGroup = false
        var found = false
        var entries: [Entry] = []
        for (number, rawLine) in text.components(separatedBy: "\n").enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                if inGroup { break }
                inGroup = line.hasPrefix("[\(name)]")
                found = found || inGroup
                continue
            }
            guard inGroup else { continue }
            let source = "\(path) line \(number + 1)"
            guard let equals = line.firstIndex(of: "=") else {
                throw StoreError.configuration("\(source): expected keyword=value, found '\(line)'")
            }
            let keyword = String(line[..<equals])
            let value = String(line[line.index(after: equals)...])
            if keyword == "service" {
                throw StoreError.configuration("\(source): a service cannot name another service; list its settings instead")
            }
            guard ConnectionParameters.keywords.contains(keyword) else {
                throw StoreError.configuration(
                    "\(source): '\(keyword)' is not a connection keyword talentctl understands; use "
                        + ConnectionParameters.keywords.filter { $0 != "service" }.joined(separator: ", "))
            }
            entries.append(Entry(keyword: keyword, value: value, source: source))
        }
        return found ? entries : nil
    }
}
