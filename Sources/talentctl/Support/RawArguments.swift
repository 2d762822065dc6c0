import Foundation
import TalentText

/// The command line as the system passed it. `CommandLine.arguments` replaces bytes that are not
/// UTF-8 with U+FFFD, so a name typed in a GBK terminal would be stored as "���"; the arguments are
/// checked before parsing and refused, as an import refuses a file that is not valid in its encoding.
enum RawArguments {
    /// Why an argument is not valid UTF-8, naming its option (or its position), or nil when all are.
    static func encodingProblem(_ arguments: [[UInt8]]) -> String? {
        for (index, bytes) in arguments.enumerated().dropFirst() {
            guard let offset = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidByte(in: $0) }) else { continue }
            let what: String
            var position = offset
            if bytes.first == UInt8(ascii: "-"), let equals = bytes.firstIndex(of: UInt8(ascii: "=")), equals < offset {
                what = "the value of \(String(decoding: bytes[..<equals], as: UTF8.self))"
                position = offset - equals - 1
            } else if index > 1, let option = arguments[index - 1].first, option == UInt8(ascii: "-") {
                what = "the value of \(String(decoding: arguments[index - 1], as: UTF8.self))"
            } else {
                what = "argument \(index)"
            }
            let hex = String(bytes[offset], radix: 16, uppercase: true)
            return "\(what) is not valid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(position)); "
                + "nothing was changed. Set the terminal to UTF-8 (e.g. LANG=zh_CN.UTF-8), or convert the text with "
                + "iconv -f GB18030 -t UTF-8, and run the command again"
        }
        return nil
    }

    /// The process's arguments, byte for byte.
    static var ofProcess: [[UInt8]] {
        (0..<Int(CommandLine.argc)).map { index in
            guard let pointer = CommandLine.unsafeArgv[index] else { return [] }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                             count: strlen(pointer)))
        }
    }
}
