import ConformanceKit
import Testing
@testable import Concise

/// Tag 35's check against Python 3.11's `re.compile` on the 2 000 seeded random patterns of
/// Resources/python-regex.json: the same verdict, and for a refused pattern the same message
/// and position.
struct PythonRegexVectorTests {
    @Test("every pattern gets Python's verdict, message and position")
    func vectors() throws {
        let cases = try #require(try JSONValue.load(resource: "python-regex.json")["cases"]?.array)
        #expect(cases.count == 2_000)
        for item in cases {
            let pattern = try #require(item["pattern"]?.string)
            let failure = PythonRegexSyntax.failure(text: pattern)
            guard let error = item["error"], error != .null else {
                #expect(failure == nil, "\(pattern.debugDescription) compiles in Python")
                continue
            }
            let position = error["position"]?.string.flatMap { Int($0) }
            #expect(failure == .init(message: error["message"]?.string ?? "", position: position), "\(pattern.debugDescription)")
        }
    }
}
