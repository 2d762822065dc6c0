import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes to stdout and stderr with plain write(2). A closed pipe (`talentctl … | head`) ends the
/// program quietly with status 0, as other Unix tools do, instead of Foundation trapping on EPIPE.
enum Terminal {
    static func out(_ data: Data) { write(data, to: STDOUT_FILENO) }
    static func out(_ text: String) { out(Data(text.utf8)) }
    static func err(_ text: String) { write(Data(text.utf8), to: STDERR_FILENO) }

    /// Called once at start: a write to a closed pipe returns EPIPE instead of killing the process.
    static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    private static func write(_ data: Data, to descriptor: Int32) {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Glibc.write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { exit(0) }
                    return
                }
                remaining -= written
                pointer += written
            }
        }
    }
}
