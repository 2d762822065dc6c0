import TalentDomain
import TalentStore

/// The figures `talentctl demo` prints: organisations by kind, talents by their employer's industry
/// chain, certified talents by class, certifications by status.
public struct DemoSummary: Sendable, Codable {
    /// One line of a breakdown: the stored code, the Chinese name people read, and the count.
    public struct Row: Sendable, Codable, Equatable {
        public var key: String
        public var name: String
        public var count: Int
    }

    public var seed: UInt64
    public var load: DemoLoadReport
    public var organisationsByKind: [Row]
    public var talents: Int
    public var talentsByChain: [Row]
    /// Every class of the scheme, with its name from `talent_classes`, including empty ones.
    public var certifiedByClass: [Row]
    public var certificationsByStatus: [Row]
    /// Certifications still moving through the workflow (applied … public notice).
    public var pendingCertifications: Int

    public init(seed: UInt64, load: DemoLoadReport, figures: RegistryFigures, classes: [TalentClassDefinition]) {
        self.seed = seed
        self.load = load
        organisationsByKind = figures.organisations.map {
            Row(key: $0.key, name: OrganisationKind(rawValue: $0.key)?.chineseName ?? $0.key, count: $0.count)
        }
        talents = figures.talents
        talentsByChain = figures.talentsByChain.map {
            Row(key: $0.key, name: IndustryChain(rawValue: $0.key)?.chineseName ?? "不属产业链", count: $0.count)
        }
        let certified = Dictionary(figures.certifiedByClass.map { ($0.key, $0.count) }, uniquingKeysWith: +)
        certifiedByClass = classes.map {
            Row(key: String($0.number), name: $0.nameZh, count: certified[String($0.number)] ?? 0)
        }
        certificationsByStatus = figures.certificationsByStatus.map {
            Row(key: $0.key, name: CertificationStatus(rawValue: $0.key)?.chineseName ?? $0.key, count: $0.count)
        }
        pendingCertifications = figures.certificationsByStatus
            .filter { CertificationStatus(rawValue: $0.key)?.isOpen ?? false }
            .reduce(0) { $0 + $1.count }
    }
}

extension DemoLoader {
    /// The summary of what the database now holds.
    public func summary(seed: UInt64, load: DemoLoadReport) async throws(ServiceError) -> DemoSummary {
        DemoSummary(seed: seed, load: load, figures: try await zone.registry.figures(actor: .localOperator("demo")),
                    classes: try await zone.certification.classes())
    }
}
