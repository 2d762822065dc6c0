import TalentDomain

/// A request to add an organisation, before its credit code is validated.
public struct OrganisationInput: Sendable {
    public var name: String
    public var creditCode: String
    public var kind: OrganisationKind
    public var industryChain: IndustryChain?
    public var inZone: Bool
    /// Accept a code that fails the GB 32100 check (a legacy pilot-region code); needs `overrideReason`.
    public var acceptInvalidCode: Bool
    public var overrideReason: String?

    public init(name: String, creditCode: String, kind: OrganisationKind, industryChain: IndustryChain? = nil,
                inZone: Bool = false, acceptInvalidCode: Bool = false, overrideReason: String? = nil) {
        self.name = name
        self.creditCode = creditCode
        self.kind = kind
        self.industryChain = industryChain
        self.inZone = inZone
        self.acceptInvalidCode = acceptInvalidCode
        self.overrideReason = overrideReason
    }

    /// The validated organisation, or the first field that is wrong.
    func validated() throws(ValidationError) -> NewOrganisationDraft {
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedName.isEmpty else {
            throw ValidationError(field: "name", value: name, reason: "is empty", hint: "give the registered name")
        }
        let reason = overrideReason?.trimmingCharacters(in: .whitespacesAndNewlines)
        let code: CreditCode
        if acceptInvalidCode {
            guard let reason, !reason.isEmpty else {
                throw ValidationError(
                    field: "reason", value: "", reason: "--accept-invalid-code needs a reason",
                    hint: "add --reason \"…\" saying why this code is accepted (it is recorded in the audit log)")
            }
            code = try CreditCode(acceptingInvalidChecksum: creditCode)
        } else {
            code = try CreditCode(creditCode)
        }
        return NewOrganisationDraft(
            name: trimmedName, code: code, reason: code.isChecksumValid ? nil : reason)
    }
}

struct NewOrganisationDraft {
    var name: String
    var code: CreditCode
    var reason: String?
}
