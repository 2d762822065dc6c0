import Foundation
import Testing
@testable import TalentRules

/// Bad instances are refused with every problem and its path; good ones read and write the issue's JSON.
@Suite("Matching instance: validation and JSON")
struct MatchingInstanceValidationTests {
    private func problems(_ json: String) -> [MatchingInstanceError.Problem] {
        do {
            _ = try MatchingInstance(json: Data(json.utf8))
            return []
        } catch {
            return error.problems
        }
    }

    private func paths(_ json: String) -> [String] { problems(json).map(\.path) }

    @Test func duplicatesAndTiesAreErrorsWithTheirPaths() {
        let json = """
            {"trainees": {"T1": ["P1", "P2", "P1"], "T2": ["P1"], "T3": []},
             "positions": {"P1": {"capacity": 1, "ranking": ["T2", ["T1", "T3"], "T2"]},
                           "P2": {"capacity": 1, "ranking": ["T1"]}}}
            """
        let found = problems(json)
        #expect(found.map(\.path) == ["trainees.T1[2]", "positions.P1.ranking[1]", "positions.P1.ranking[2]"])
        #expect(found[0].reason == "position 'P1' is listed twice (also at [0])")
        #expect(found[1].reason == "'T1', 'T3' tied in one place: rankings must be strict")
        #expect(found[2].reason == "trainee 'T2' is ranked twice (also at [0])")
    }

    @Test func tiesInATraineeListToo() {
        #expect(paths(#"{"trainees": {"T1": [["P1", "P2"]]}, "positions": {"P1": {"capacity": 1, "ranking": []}, "P2": {"capacity": 1, "ranking": []}}}"#)
            == ["trainees.T1[0]"])
    }

    @Test func unknownIDsAreErrors() {
        let found = problems("""
            {"trainees": {"T1": ["P1", "P9"], "T7": ["P1", "P1", "P8"]},
             "positions": {"P1": {"capacity": 2, "ranking": ["T1", "T99"]}}}
            """)
        #expect(found.map(\.path) == ["trainees.T1[1]", "trainees.T7[1]", "trainees.T7[2]", "positions.P1.ranking[1]"])
        #expect(found[0].reason == "position 'P9' does not exist")
        #expect(found[3].reason == "trainee 'T99' does not exist")
        #expect(found[0].hint != nil)
    }

    @Test func capacitiesMustBeWholeAndNotNegative() {
        let found = problems("""
            {"trainees": {},
             "positions": {"A": {"capacity": -1, "ranking": []}, "B": {"capacity": 2.5, "ranking": []},
                           "C": {"capacity": "3", "ranking": []}, "D": {"ranking": []}, "E": {"capacity": null, "ranking": []},
                           "F": {"capacity": 0, "ranking": []}}}
            """)
        #expect(found.map(\.path) == ["positions.A.capacity", "positions.B.capacity", "positions.C.capacity",
                                      "positions.D.capacity", "positions.E.capacity"])
        #expect(found.map(\.reason) == [
            "must not be negative, not -1", "must be a whole number, not 2.5", "must be a whole number, not the text \"3\"",
            "missing", "must be a whole number, not null",
        ])
    }

    @Test func negativeCapacityFromPlainValues() {
        #expect(throws: MatchingInstanceError([.init(path: "positions.P1.capacity", reason: "must not be negative, not -3",
                                                     hint: "Use 0 for a position that takes nobody.")])) {
            try MatchingInstance(trainees: [:], positions: ["P1": .init(capacity: -3, ranking: [])])
        }
    }

    @Test func plainValuesAreCheckedLikeJSON() {
        do {
            _ = try MatchingInstance(trainees: ["T1": ["P1", "P1"], "": []],
                                     positions: ["P1": .init(capacity: 1, ranking: ["T2"])])
            Issue.record("expected a MatchingInstanceError")
        } catch {
            #expect(error.problems.map(\.path) == [#"trainees[""]"#, "trainees.T1[1]", "positions.P1.ranking[0]"])
        }
    }

    @Test func wrongShapesNameThePath() {
        #expect(paths(#"{"trainees": [], "positions": {}}"#) == ["trainees"])
        #expect(problems(#"{"trainees": [], "positions": {}}"#).first?.reason == "expected an object, found a list")
        #expect(paths(#"{"trainees": {"T1": "P1"}, "positions": {}}"#) == ["trainees.T1"])
        #expect(paths(#"{"positions": {}}"#) == ["trainees"])
        #expect(problems(#"{"trainees": null, "positions": {}}"#).map(\.reason) == ["expected an object, found null"])
        #expect(paths(#"{"trainees": {"T1": [3]}, "positions": {"P1": {"capacity": 1}}}"#)
            == ["trainees.T1[0]", "positions.P1.ranking"])
        #expect(problems(#"{"trainees": {"T1": [3]}, "positions": {}}"#).first?.reason == "expected an id (a string), found the number 3.0")
        #expect(paths(#"{"trainees": {"a b": [7]}, "positions": {}}"#) == [#"trainees["a b"][0]"#])
    }

    @Test func notJSONAtAll() {
        let found = problems("{\"trainees\": {},\n \"positions\": {\"P1\": tru}}")
        #expect(found.count == 1)
        #expect(found.first?.path == "")
        #expect(found.first?.reason.hasPrefix("not valid JSON") == true)
        #expect(problems("{\"trainees\": {},\n  \"positions\": x}").first?.reason == "not valid JSON: Invalid value at line 2, column 16")
        #expect(problems(" \n").first?.reason == "not valid JSON: the file is empty")
    }

    @Test func descriptionListsEveryProblem() {
        let error = MatchingInstanceError([
            .init(path: "trainees.T7[2]", reason: "position 'P9' does not exist", hint: "Add it."),
            .init(path: "positions.P1.capacity", reason: "missing"),
        ])
        #expect(error.description == """
            the matching instance has 2 problems:
              trainees.T7[2]: position 'P9' does not exist. Add it.
              positions.P1.capacity: missing.
            """)
    }

    @Test func extraTopLevelKeysAreIgnored() throws {
        let instance = try MatchingInstance(json: Data(#"{"matching": {"T1": null}, "trainees": {"T1": []}, "positions": {}}"#.utf8))
        #expect(instance.traineeIDs == ["T1"])
    }

    @Test func instanceRoundTrip() throws {
        let instance = MatchingExampleTests.twoStable
        let again = try JSONDecoder().decode(MatchingInstance.self, from: try JSONEncoder().encode(instance))
        #expect(again == instance)
        #expect(StableMatching.traineeOptimal(again) == StableMatching.traineeOptimal(instance))
    }

    @Test func matchingWritesNullForUnmatchedTrainees() throws {
        let matching = Matching(positionOf: ["T1": "P1", "T2": nil, "T10": "P1"])
        let text = String(decoding: try matching.json(pretty: false), as: UTF8.self)
        #expect(text == #"{"matching":{"T1":"P1","T10":"P1","T2":null}}"#)
        let again = try JSONDecoder().decode(Matching.self, from: Data(text.utf8))
        #expect(again == matching)
        #expect(again.positionOf.keys.contains("T2"))
        #expect(again.position(of: "T2") == nil)
    }

    @Test func decodingThroughJSONDecoderRethrowsTheProblems() {
        #expect(throws: MatchingInstanceError.self) {
            try JSONDecoder().decode(MatchingInstance.self, from: Data(#"{"trainees": {"T1": ["P1"]}, "positions": {}}"#.utf8))
        }
    }
}
