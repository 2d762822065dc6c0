import Testing
@testable import TalentDomain

@Suite struct CertificationTransitionTests {
    /// The workflow as specified, written out independently of the implementation.
    static let table: [CertificationStatus: [CertificationEvent: CertificationStatus]] = [
        .applied: [.recommend: .recommended, .reject: .rejected],
        .recommended: [.startReview: .underReview, .reject: .rejected],
        .underReview: [.publish: .publicNotice, .reject: .rejected],
        .publicNotice: [.approve: .certified, .reject: .rejected],
        .certified: [.revoke: .revoked, .expire: .expired, .renew: .certified],
        .expired: [.renew: .certified],
        .rejected: [:],
        .revoked: [:],
    ]

    @Test(arguments: CertificationStatus.allCases)
    func everyEventFromThisStatusMatchesTheTable(status: CertificationStatus) throws {
        let row = try #require(Self.table[status])
        for event in CertificationEvent.allCases {
            if let expected = row[event] {
                #expect(try status.applying(event) == expected, "\(status) + \(event)")
            } else {
                #expect(throws: IllegalTransition(from: status, event: event), "\(status) + \(event)") {
                    try status.applying(event)
                }
            }
        }
        #expect(Set(status.allowedEvents) == Set(row.keys))
    }

    @Test func illegalTransitionSaysWhatIsAllowed() {
        do {
            _ = try CertificationStatus.applied.applying(.approve)
            Issue.record("approve from applied was allowed")
        } catch {
            #expect(error.allowed == [.recommend, .reject])
            #expect(error.description == "cannot approve a certification that is applied; allowed next steps: recommend, reject")
        }
    }

    @Test func closedCertificationSaysSo() {
        let error = IllegalTransition(from: .revoked, event: .renew)
        #expect(error.description == "cannot renew a certification that is revoked; allowed next steps: none, the certification is closed")
    }

    @Test func eventCodesAreTheCommandWords() {
        #expect(CertificationEvent.startReview.rawValue == "review")
        #expect(CertificationEvent(rawValue: "publish") == .publish)
    }
}
