import Testing
@testable import TalentDomain

@Suite struct EmailAddressTests {
    @Test func ordinaryAddressesPass() throws {
        #expect(try EmailAddress(" wang.xiaoming@Example.COM ").value == "wang.xiaoming@example.com")
        #expect(try EmailAddress("a+tag@mail.gzgx.gov.cn").value == "a+tag@mail.gzgx.gov.cn")
    }

    @Test(arguments: [
        ("wang.example.com", "has no @"),
        ("a@b@c.com", "has more than one @"),
        ("@example.com", "the part before @ must have 1–64 characters"),
        ("wang@example", "the domain 'example' is not a valid domain name"),
        ("wang@exa mple.com", "contains ' ', which is not allowed in an address"),
        ("wang@.com", "the domain '.com' is not a valid domain name"),
        ("wang..li@example.com", "the part before @ has a misplaced dot"),
    ])
    func malformedAddressesAreRejected(raw: String, reason: String) {
        #expect(validationReason { _ = try EmailAddress(raw) } == reason)
    }
}
