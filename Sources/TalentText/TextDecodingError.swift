/// A file that could not be read in the chosen encoding, located by line.
///
/// Reads like `line 3 is not valid UTF-8 (byte 0xD5 at offset 57). If the file was saved by Excel on
/// Chinese Windows, try --encoding gb18030.`
public struct TextDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The encoding that was tried.
    public var encoding: SourceEncoding
    /// 1-based line of the first undecodable byte, if known.
    public var line: Int?
    /// 0-based byte offset of the first undecodable byte in the file, if known.
    public var byteOffset: Int?
    /// The undecodable byte, if known.
    public var byte: UInt8?
    /// What went wrong, without a trailing period.
    public var reason: String
    /// What to do.
    public var hint: String

    public init(encoding: SourceEncoding, line: Int?, byteOffset: Int?, byte: UInt8?, reason: String, hint: String) {
        self.encoding = encoding
        self.line = line
        self.byteOffset = byteOffset
        self.byte = byte
        self.reason = reason
        self.hint = hint
    }

    public var description: String {
        var text = line.map { "line \($0): " } ?? ""
        text += reason
        if let byte, let byteOffset {
            let hex = String(byte, radix: 16, uppercase: true)
            text += " (byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(byteOffset))"
        }
        return text + ". " + hint
    }
}
