import Foundation

/// The character encoding of an input file.
public enum SourceEncoding: String, Sendable, CaseIterable {
    /// Detect: UTF-8 (with or without a byte-order mark), otherwise GB18030.
    case auto
    /// UTF-8.
    case utf8 = "utf-8"
    /// GB18030, a superset of GBK and GB2312: what Excel writes on Chinese Windows.
    case gb18030

    /// Reads a name as given on the command line: `auto`, `utf-8`/`utf8`, `gb18030`/`gbk`/`gb2312`/`cp936`.
    public static func parse(_ name: String) -> SourceEncoding? {
        switch name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-") {
        case "auto": .auto
        case "utf-8", "utf8": .utf8
        case "gb18030", "gb-18030", "gbk", "gb2312", "gb-2312", "cp936": .gb18030
        default: nil
        }
    }
}
