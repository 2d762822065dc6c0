import TalentDomain

/// Days of steps that record something that happened (a move-out, an acceptance, a completion, a
/// cron run that closes what has run out): such a day may not be after today, because the step acts
/// now (a unit goes back to stock, an offer expires) on what has not happened yet. Today is the day in
/// China Standard Time (UTC+8); each use case takes it as a parameter (`today:`, by default
/// ``CalendarDate/today(timeZone:)``), so that tests, the demo and the benchmarks can live on their own
/// calendar. Days that may lie ahead (a lease's first day, a practice window) are not checked here.
extension CalendarDate {
    /// Refuses `self` when it is after `today`; `what` names the step, e.g. "a lease renewal".
    func requireHappened(by today: CalendarDate, _ what: String) throws(ServiceError) {
        guard self > today else { return }
        throw .refused(
            "\(self) is after today (\(today) in China Standard Time, UTC+8): \(what) is recorded once it has happened; "
                + "give a day on or before \(today)")
    }
}

/// The year of `today`, for steps dated by year (an award).
func requireHappened(year: Int, by today: CalendarDate, _ what: String) throws(ServiceError) {
    guard year > today.year else { return }
    throw .refused(
        "\(year) is after this year (today is \(today) in China Standard Time, UTC+8): \(what) is recorded once it has "
            + "happened; give \(today.year) or earlier")
}
