import Hummingbird
import Logging
import Prometheus
import TalentServices

extension TalentServer {
    /// Every route group of the server, the one list to add a resource's group to.
    static func routeGroups(zone: TalentZone, configuration: ServerConfiguration,
                            metrics: PrometheusCollectorRegistry) -> [any RouteGroup] {
        let auth = Authenticator(accounts: zone.accounts)
        return [
            HealthRoutes(readiness: zone.readiness(environment: configuration.environment)),
            MetricsRoutes(registry: metrics),
            OpenAPIRoutes(),
            SessionRoutes(accounts: zone.accounts, auth: auth, secureCookie: !configuration.isLoopback),
            TalentRoutes(zone: zone, auth: auth),
            SelfServiceRoutes(zone: zone, auth: auth),
            HousingOfferRoutes(zone: zone, auth: auth),
            StaffRoutes(zone: zone, auth: auth),
            RosterRoutes(zone: zone, auth: auth),
            HousingRoundRoutes(zone: zone, auth: auth),
            HousingInventoryRoutes(zone: zone, auth: auth),
            HousingLeaseRoutes(zone: zone, auth: auth),
            ReportRoutes(zone: zone, auth: auth),
        ]
    }

    /// The application for `groups`: logging outermost (it sees the final status), then metrics, then the
    /// problem mapping (every error becomes a response before they see it), then each route's body limit.
    static func application(
        configuration: ServerConfiguration, groups: [any RouteGroup], metrics: PrometheusCollectorRegistry,
        logger: Logger? = nil, onListening: @escaping @Sendable (ListeningAddress) async -> Void
    ) -> Application<RouterResponder<TalentRequestContext>> {
        let logger = logger ?? {
            var logger = Logger(label: "talentd")
            logger.logLevel = configuration.logLevel
            return logger
        }()
        let router = Router(context: TalentRequestContext.self, options: [.autoGenerateHeadEndpoints])
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: RequestMetricsMiddleware(registry: metrics))
        router.add(middleware: ProblemMiddleware())
        let routes = RouteTable(router: router, configuration: configuration)
        for group in groups { group.add(to: routes) }
        routes.finish()
        let host = configuration.host
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "talentd"),
            onServerRunning: { channel in
                await onListening(ListeningAddress(host: host, port: channel.localAddress?.port ?? 0))
            },
            logger: logger)
    }
}
