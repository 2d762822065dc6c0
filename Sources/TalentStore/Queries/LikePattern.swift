/// Patterns for `LIKE … ESCAPE '\'`: what a person types is matched as text, so `%` and `_` in a
/// search find those characters instead of matching everything.
enum LikePattern {
    /// Matches values containing `text` (with `ESCAPE '\'`).
    static func containing(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 2)
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }
}
