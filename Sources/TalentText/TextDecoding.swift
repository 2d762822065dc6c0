import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of an input file into text, detecting UTF-8 or GB18030 (Excel on Chinese Windows).
public enum TextDecoding {
    /// Decodes a file.
    ///
    /// - `auto`: a UTF-8 byte-order mark or valid UTF-8 means UTF-8; otherwise GB18030 is tried.
    /// - `utf8`: UTF-8; a leading byte-order mark is dropped.
    /// - `gb18030`: GB18030 through the system's iconv; a leading byte-order mark is dropped.
    ///
    /// - Returns: the text, the encoding actually used, and whether a byte-order mark was dropped.
    /// - Throws: ``TextDecodingError`` naming the line of the first undecodable byte.
    public static func decode(
        _ data: Data, as encoding: SourceEncoding
    ) throws(TextDecodingError) -> (text: String, detected: SourceEncoding, hadBOM: Bool) {
        let bytes = [UInt8](data)
        let result: Result<(text: String, detected: SourceEncoding, hadBOM: Bool), TextDecodingError> =
            bytes.withUnsafeBufferPointer { buffer in
                switch encoding {
                case .utf8:
                    return decodeUTF8(buffer).map { ($0.text, .utf8, $0.hadBOM) }
                case .gb18030:
                    return decodeGB18030(buffer).map { ($0.text, .gb18030, $0.hadBOM) }
                case .auto:
                    let utf8 = decodeUTF8(buffer)
                    if case .success(let decoded) = utf8 { return .success((decoded.text, .utf8, decoded.hadBOM)) }
                    if hasUTF8BOM(buffer) { return utf8.map { ($0.text, .utf8, $0.hadBOM) } }
                    switch decodeGB18030(buffer) {
                    case .success(let decoded): return .success((decoded.text, .gb18030, decoded.hadBOM))
                    case .failure(var error):
                        error.encoding = .auto
                        error.reason = "the file is neither UTF-8 nor GB18030; GB18030 decoding failed here"
                        error.hint = "Save the file from the spreadsheet as \"CSV UTF-8\" and try again."
                        return .failure(error)
                    }
                }
            }
        return try result.get()
    }

    /// Encodes text as GB18030 (for tests and fixtures that imitate Excel on Chinese Windows).
    public static func encodeGB18030(_ text: String) throws(TextDecodingError) -> Data {
        var text = text
        let result = text.withUTF8 { iconvConvert($0, from: "UTF-8", to: "GB18030") }
        switch result {
        case .success(let bytes): return Data(bytes)
        case .failure(let failure):
            throw TextDecodingError(
                encoding: .gb18030, line: nil, byteOffset: failure.offset, byte: nil,
                reason: failure.unavailable ? gbUnavailable : "the text cannot be written as GB18030",
                hint: failure.unavailable ? gbUnavailableHint : "Check the text for unpaired surrogates or other invalid characters.")
        }
    }

    static let gbUnavailable = "GB18030 conversion is not available on this system (iconv could not open it)"
    static let gbUnavailableHint = "Install the glibc character-set modules (gconv), or convert the file to UTF-8 first."

    static func hasUTF8BOM(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    static func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<(text: String, hadBOM: Bool), TextDecodingError> {
        let hadBOM = hasUTF8BOM(bytes)
        let body = UnsafeBufferPointer(rebasing: bytes[(hadBOM ? 3 : 0)...])
        if let offset = UTF8Validation.firstInvalidByte(in: body) {
            let fileOffset = offset + (hadBOM ? 3 : 0)
            return .failure(TextDecodingError(
                encoding: .utf8, line: lineNumber(of: fileOffset, in: bytes), byteOffset: fileOffset,
                byte: bytes[fileOffset], reason: "the file is not valid UTF-8",
                hint: "If the file was saved by Excel on Chinese Windows, try --encoding gb18030 (or --encoding auto)."))
        }
        return .success((String(decoding: body, as: UTF8.self), hadBOM))
    }

    static func decodeGB18030(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<(text: String, hadBOM: Bool), TextDecodingError> {
        switch iconvConvert(bytes, from: "GB18030", to: "UTF-8") {
        case .success(let utf8):
            let hadBOM = utf8.starts(with: [0xEF, 0xBB, 0xBF])
            return .success((String(decoding: utf8.dropFirst(hadBOM ? 3 : 0), as: UTF8.self), hadBOM))
        case .failure(let failure):
            if failure.unavailable {
                return .failure(TextDecodingError(
                    encoding: .gb18030, line: nil, byteOffset: nil, byte: nil, reason: gbUnavailable, hint: gbUnavailableHint))
            }
            let offset = failure.offset
            return .failure(TextDecodingError(
                encoding: .gb18030, line: lineNumber(of: offset, in: bytes), byteOffset: offset,
                byte: offset < bytes.count ? bytes[offset] : nil,
                reason: failure.incomplete ? "the file ends in the middle of a GB18030 character" : "the file is not valid GB18030",
                hint: "Try --encoding utf-8 (or --encoding auto)."))
        }
    }

    /// 1-based line of a byte offset. LF (0x0A) never occurs inside a UTF-8 or GB18030 multi-byte character.
    static func lineNumber(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A { line += 1 }
        return line
    }

    struct ConversionFailure: Error {
        /// Input offset of the first byte that could not be converted.
        var offset: Int
        /// The conversion itself is missing on this system.
        var unavailable: Bool
        /// The input ends in the middle of a character.
        var incomplete = false
    }

    static func iconvConvert(_ input: UnsafeBufferPointer<UInt8>, from: String, to: String) -> Result<[UInt8], ConversionFailure> {
        guard let descriptor = iconv_open(to, from), Int(bitPattern: descriptor) != -1 else {
            return .failure(ConversionFailure(offset: 0, unavailable: true))
        }
        defer { iconv_close(descriptor) }
        guard let base = input.baseAddress, input.count > 0 else { return .success([]) }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        // GB18030 ↔ UTF-8 never more than doubles the size; the loop grows the buffer anyway.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        while true {
            var status = 0
            var code: Int32 = 0
            output.withUnsafeMutableBufferPointer { out in
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress! + produced)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = out.count - produced
                status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                code = errno
                produced = out.count - outLeft
            }
            if status != -1 { break }
            if code == E2BIG {
                output.append(contentsOf: repeatElement(0, count: output.count))
                continue
            }
            return .failure(ConversionFailure(offset: input.count - inLeft, unavailable: false, incomplete: code == EINVAL))
        }
        output.removeLast(output.count - produced)
        return .success(output)
    }
}
