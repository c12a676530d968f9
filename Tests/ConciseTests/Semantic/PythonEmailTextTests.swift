@testable import Concise
import Testing

/// Tag 36's text as cbor2's `email.message.Message` writes itself out (`as_string()`); the
/// conformance suite holds 171 messages with cbor2's verdicts, these are what it cannot show.
struct PythonEmailTextTests {
    @Test("headers and body as Python's email package parses and writes them")
    func asString() {
        // Outputs from Python 3.11's email.parser.Parser().parsestr(text).as_string().
        let cases: [(String, String)] = [
            ("hi", "\nhi"),
            ("", "\n"),
            ("Subject: x\r\n\r\nbody\r\n", "Subject: x\n\nbody\n"),
            ("From nobody\nSubject: a\n\nb", "Subject: a\n\nb"),
            ("Subject: caf\u{e9}\n\nbody", "Subject: =?utf-8?b?Y2Fmw6k=?=\n\nbody"),
            ("Subject: hello w\u{f6}rld and more ascii\n\nb", "Subject: =?utf-8?q?hello_w=C3=B6rld_and_more_ascii?=\n\nb"),
            (":x\n  lost\n\ny", "\ny"),
            ("To: a\n \n\nb", "To: a\n\nb"),
            ("To: a\n \t\n x \n\nb", "To: a \t\n x\n\nb"),
            ("To: caf\u{e9}\n\tx\n\nb", "To: =?utf-8?b?Y2Fmw6k=?=\n =?utf-8?q?_x?=\n\nb"),
            ("Content-Type: MULTIPART/mixed; boundary=B\n\nraw\r\nno parts\r\n",
             "Content-Type: MULTIPART/mixed; boundary=B\n\nraw\r\nno parts\r\n"),
        ]
        for (text, expected) in cases {
            #expect(PythonEmailText.asString(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test("message/rfc822 bodies nested 20 000 deep are written without recursion, in linear time")
    func deepMessages() {
        let depth = 20_000
        let text = String(repeating: "Content-Type: message/rfc822\r\n\r\n", count: depth) + "body"
        let expected = String(repeating: "Content-Type: message/rfc822\n\n", count: depth) + "\nbody"
        #expect(PythonEmailText.asString(text) == expected)
    }
}
