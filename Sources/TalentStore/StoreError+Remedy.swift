extension StoreError {
    /// What the operator can do about a store error, named as data so that the services translate it
    /// into their next step and no store message names a front door's command.
    public enum Remedy: Sendable, Equatable {
        /// Apply the schema migrations.
        case migrate
    }

    /// The step that helps, where the store knows one.
    public var remedy: Remedy? {
        if case let .migration(_, remedy) = self { return remedy }
        return nil
    }
}
