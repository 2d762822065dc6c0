import Hummingbird
import Logging
import TalentServices

/// `GET /healthz`: the process answers (liveness; no database). `GET /readyz`: the database answers
/// and is fully migrated (readiness), otherwise a 503 problem whose words name no host or database;
/// the cause goes to the log.
struct HealthRoutes: RouteGroup {
    let readiness: ReadinessService

    struct Status: Encodable {
        var status: String
    }

    func add(to routes: RouteTable) {
        routes.get("/healthz") { _, _ in
            try Wire.json(Status(status: "ok"))
        }
        routes.get("/readyz") { _, context in
            let state = await readiness.check()
            guard let problem = state.problem else { return try Wire.json(Status(status: "ready")) }
            context.logger.warning("not ready", metadata: ["cause": .string(state.cause ?? problem)])
            throw Problem(type: Problem.type("not-ready"), title: "Not ready", status: .serviceUnavailable,
                          detail: problem, next: state.nextStep)
        }
    }
}
