// swift-tools-version:6.1
import PackageDescription

// Rooms (see Docs/architecture.md, "Who may import whom", which Tests/ArchitectureTests enforces):
// data flows one way, talentctl → TalentServices → (TalentRules, TalentStore) → TalentDomain, and
// talentd → TalentHTTP → TalentServices.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "TalentZone",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "talentctl", targets: ["talentctl"]),
        .executable(name: "talentd", targets: ["talentd"]),
        .library(name: "TalentServices", targets: ["TalentServices"]),
        .library(name: "TalentHTTP", targets: ["TalentHTTP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio.git", "1.33.0"..<"1.34.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", "1.8.0"..<"1.9.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        // Already a dependency of postgres-nio (SCRAM auth); we use its SHA-256.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.9.0"..<"5.0.0"),
        // Policy files (TalentRules): we walk Yams' node tree for key paths with line and column.
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        // Account passwords (TalentServices): its HummingbirdBcrypt target needs only its C bcrypt, not the
        // HTTP stack, so talentctl stays free of Hummingbird.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        // The HTTP room (talentd): router, server, middleware, graceful shutdown.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        // GET /metrics: one PrometheusCollectorRegistry per application, no global metrics system.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        // Already a dependency of hummingbird; we run the application in a ServiceGroup of our own
        // (graceful shutdown on SIGTERM/SIGINT, and on demand for tests).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        // Already a dependency of hummingbird; the tests talk to a real server with it.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // Value types, identifiers and their validation. Foundation only.
        .target(name: "TalentDomain", swiftSettings: strict),
        // Text formats for people: CSV in and out, encodings, CJK-aware tables. Foundation only.
        .target(name: "TalentText", swiftSettings: strict),
        // Pure policies and mechanisms. No database.
        .target(
            name: "TalentRules",
            dependencies: [
                "TalentDomain",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // The only room that speaks SQL: embedded cluster, migrator, repositories, COPY.
        .target(
            name: "TalentStore",
            dependencies: [
                "TalentDomain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // Use cases: one transaction each, audited.
        .target(
            name: "TalentServices",
            dependencies: [
                "TalentDomain", "TalentText", "TalentRules", "TalentStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "talentctl",
            dependencies: [
                "TalentServices", "TalentText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // The second front door's room: routes, problem+json, middleware (logging, metrics, body limit).
        .target(
            name: "TalentHTTP",
            dependencies: [
                "TalentServices", "TalentText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // GET /openapi.yaml; Docs/openapi.yaml links to this file.
            resources: [.embedInCode("OpenAPI/openapi.yaml")],
            swiftSettings: strict
        ),
        // Thin: read the options, open the zone, run the application until SIGTERM/SIGINT.
        .executableTarget(
            name: "talentd",
            dependencies: [
                "TalentHTTP", "TalentServices",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "talentbench",
            // TalentStore: the one exception to the arrows (Docs/architecture.md, "Who may import whom").
            dependencies: ["TalentServices", "TalentText", "TalentRules", "TalentStore",
                           .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")],
            swiftSettings: strict
        ),
        .target(
            name: "TestSupport",
            dependencies: ["TalentStore", "TalentDomain"],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        // Reads every Swift file's imports against the room table of Docs/architecture.md.
        .testTarget(name: "ArchitectureTests"),
        .testTarget(name: "TalentDomainTests", dependencies: ["TalentDomain"]),
        .testTarget(name: "TalentTextTests", dependencies: ["TalentText"]),
        .testTarget(name: "TalentRulesTests", dependencies: ["TalentRules"]),
        .testTarget(name: "TalentStoreTests", dependencies: ["TalentStore", "TestSupport"]),
        .testTarget(name: "TalentServicesTests", dependencies: ["TalentServices", "TestSupport"]),
        .testTarget(
            name: "TalentctlEndToEndTests",
            dependencies: ["talentctl", "TestSupport", "TalentDomain"]
        ),
        .testTarget(
            name: "TalentHTTPTests",
            dependencies: [
                "TalentHTTP", "TalentServices", "TalentStore", "TalentRules", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
