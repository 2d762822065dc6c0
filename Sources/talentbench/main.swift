import Foundation

// talentbench: performance figures against real PostgreSQL in a throwaway embedded cluster.
// `make bench` builds it in release mode and runs it; Docs/performance.md records the results.

let sections: [any BenchSection] = [ImportBenchmark(), MatchingBenchmark(), RosterBenchmark(), HousingBenchmark(),
                                    ResultDayBenchmark()]

do {
    let options = try BenchOptions(Array(CommandLine.arguments.dropFirst()))
    let selected = sections.filter { options.only == nil || $0.name == options.only }
    guard !selected.isEmpty else {
        throw BenchFailure("no section is named \(options.only ?? ""); sections: \(sections.map(\.name).joined(separator: ", "))")
    }
    var context = BenchContext(options: options, cluster: nil)
    if selected.contains(where: \.needsDatabase) {
        FileHandle.standardError.write(Data("starting a throwaway PostgreSQL cluster…\n".utf8))
        context.cluster = try await BenchCluster.start()
    }
    defer { context.cluster?.stop() }
    for section in selected {
        FileHandle.standardError.write(Data("\(section.title)\n".utf8))
        let result = try await section.run(context)
        print("\n## \(section.title)\n")
        print(result.render())
    }
} catch {
    FileHandle.standardError.write(Data("talentbench: \(error)\n".utf8))
    exit(1)
}
