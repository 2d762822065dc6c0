// swift-tools-version:6.1
import PackageDescription

// Rooms (see Docs/architecture.md, "Who may import whom", which Tests/ArchitectureTests enforces):
// data flows one way, talentctl → TalentServices → (TalentRules, TalentStore) → TalentDomain.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "TalentZone",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "talentctl", targets: ["talentctl"]),
        .library(name: "TalentServices", targets: ["TalentServices"]),
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
        .executableTarget(
            name: "talentbench",
            // TalentStore: the one exception to the arrows (Docs/architecture.md, "Who may import whom").
            dependencies: ["TalentServices", "TalentText", "TalentRules", "TalentStore"],
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
    ]
)
