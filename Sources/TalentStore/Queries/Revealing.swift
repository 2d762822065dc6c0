import TalentDomain

// Each record that holds personal numbers, with them shown in full. Only the services call these, for
// a caller who asked and is entitled, in the transaction that records the reveal.

extension RosterRow {
    public func revealed() -> RosterRow {
        var copy = self
        copy.identityKey = identityKey.revealed()
        copy.mobile = mobile?.revealed()
        return copy
    }
}

extension TraineeRecord {
    public func revealed() -> TraineeRecord {
        var copy = self
        copy.identityKey = identityKey.revealed()
        copy.mobile = mobile?.revealed()
        return copy
    }
}

extension CertificationRecord {
    public func revealed() -> CertificationRecord {
        var copy = self
        copy.identityKey = identityKey.revealed()
        return copy
    }
}
