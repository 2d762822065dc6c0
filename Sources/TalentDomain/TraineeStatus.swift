/// Where a trainee is on the way through the practice base. The database enforces the same
/// transitions (`trainees_transition`).
public enum TraineeStatus: String, Sendable, Codable, CaseIterable, StatusTransitions {
    case enrolled
    case placed
    case inPractice = "in-practice"
    case completed
    case withdrawn

    /// The states reachable in one step.
    public var allowedNext: [TraineeStatus] {
        switch self {
        case .enrolled: [.placed, .withdrawn]
        case .placed: [.inPractice, .withdrawn]
        case .inPractice: [.completed, .withdrawn]
        case .completed, .withdrawn: []
        }
    }

    /// 在册, 已分配, 实践中, 已结业, 已退出.
    public var chineseName: String {
        switch self {
        case .enrolled: "在册"
        case .placed: "已分配"
        case .inPractice: "实践中"
        case .completed: "已结业"
        case .withdrawn: "已退出"
        }
    }
}
