/// A value that failed validation: which field, what was given, what is wrong and what to do.
///
/// The description reads like
/// `id_number '1101**********0021': check character should be X, not 1. Check the last character on the card.`
public struct ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field name as used in CSV headers and CLI flags, e.g. `id_number`, `credit_code`, `mobile`.
    public var field: String
    /// The offending input as given; identity and mobile numbers masked (``PersonalDataMask``), so no
    /// message or error report repeats them in full.
    public var value: String
    /// What is wrong, without a trailing period, e.g. `check character should be X, not 3`.
    public var reason: String
    /// What the person can do about it.
    public var hint: String?

    /// Creates a validation error.
    public init(field: String, value: String, reason: String, hint: String? = nil) {
        self.field = field
        self.value = PersonalDataMask.value(value, field: field)
        self.reason = reason
        self.hint = hint
    }

    /// `field 'value': reason. hint`
    public var description: String {
        var text = "\(field) '\(value)': \(reason)"
        if !text.hasSuffix(".") { text += "." }
        if let hint { text += " \(hint)" }
        return text
    }
}
