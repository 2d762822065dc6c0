import TalentDomain

/// The reason of the `ValidationError` thrown by `make`, nil if it succeeded, "unexpected error" if it
/// threw something else.
func validationReason(_ make: () throws -> Void) -> String? {
    do {
        try make()
        return nil
    } catch let error as ValidationError {
        return error.reason
    } catch {
        return "unexpected error \(error)"
    }
}
