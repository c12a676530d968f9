@testable import Concise
import Testing

/// Tag 36's text as cbor2's `email.message.Message` writes itself out (`as_string()`); the
/// conformance suite holds 339 messages with cbor2's verdicts, these are what it cannot show.
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

    @Test("multipart bodies split into parts and written again, as the feed parser and generator do")
    func multipart() {
        // Outputs from Python 3.11's email.parser.Parser().parsestr(text).as_string().
        let cases: [(String, String)] = [
            ("Content-Type: multipart/mixed; boundary=\"XX\"\n\n--XX\n\nunterminated\n",
             "Content-Type: multipart/mixed; boundary=\"XX\"\n\n--XX\n\nunterminated\n--XX--\n"),
            ("Content-Type: multipart/mixed; boundary=\"XX\"\n\n--XX\nContent-Type: multipart/alternative; boundary=YY\n\n--YY\n\na\n--YY\n\nb\n--YY--\n--XX--\n",
             "Content-Type: multipart/mixed; boundary=\"XX\"\n\n--XX\nContent-Type: multipart/alternative; boundary=YY\n\n--YY\n\na\n--YY\n\nb\n--YY--\n\n--XX--\n"),
            ("Content-Type: multipart/mixed; boundary=\"XX\"\n\n--XX\n--XX--\n",
             "Content-Type: multipart/mixed; boundary=\"XX\"\n\n--XX\n\n\n--XX--\n"),
            ("Content-Type: multipart/mixed; boundary=\"XX\"\n\n--XX\nhello\n--XX--\n",
             "Content-Type: multipart/mixed; boundary=\"XX\"\n\n--XX\n\nhello\n--XX--\n"),
            ("Content-Type: multipart/mixed; boundary=\"XX\"\n\n--XX--\n",
             "Content-Type: multipart/mixed; boundary=\"XX\"\n\n"),
            ("Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\npre\r\n--XX\r\n\r\na\r\n--XX-- \r\nepi\r\n",
             "Content-Type: multipart/mixed; boundary=\"XX\"\n\npre\n--XX\n\na\n--XX--\nepi\n"),
            ("Content-Type: multipart/mixed; boundary=XX\nFrom x\n\n--XX\n\nx\n--XX--\n",
             "Content-Type: multipart/mixed; boundary=XX\n\nFrom x\n--XX\n\nx\n--XX--\n"),
            ("Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: multipart/mixed\n\nraw\r\n--XX--\n",
             "Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: multipart/mixed\n\nraw\r\n\n--XX--\n"),
            ("Content-Type: multipart/digest; boundary=XX\n\n--XX\n\nSubject: s\n\nbody\n--XX--\n",
             "Content-Type: multipart/digest; boundary=XX\n\n--XX\n\nSubject: s\n\nbody\n--XX--\n"),
            ("Content-Type: multipart/mixed; boundary=\"XX \"\n\n--XX\n\nx\n--XX--\n",
             "Content-Type: multipart/mixed; boundary=\"XX \"\n\n--XX\n\nx\n--XX--\n"),
        ]
        for (text, expected) in cases {
            #expect(PythonEmailText.asString(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test("multipart bodies nested to the depth limit are split at every level; deeper ones are kept as written")
    func nestedMultipart() {
        func nested(_ levels: Int) -> (text: String, prefix: String) {
            let prefix = (0..<levels).map { "Content-Type: multipart/mixed; boundary=B\($0)\n\n--B\($0)\n" }.joined()
            return (prefix + "\nbody\n", prefix)
        }
        let limit = PythonEmailText.multipartDepthLimit
        let atLimit = nested(limit)
        // Python's output: the innermost part loses the line end before its closing line, and
        // each closing line is followed by the one around it.
        let closing = (0..<limit).reversed().map { "\n--B\($0)--\n" }.joined()
        #expect(PythonEmailText.asString(atLimit.text) == atLimit.prefix + "\nbody" + closing)
        // 20 000 levels: the first `limit` are split, the rest kept as written.
        let deep = nested(20_000)
        let output = PythonEmailText.asString(deep.text)
        #expect(output.hasPrefix(atLimit.prefix) && output.hasSuffix("\n--B0--\n"))
    }

    @Test("message/rfc822 bodies nested 20 000 deep are written without recursion, in linear time")
    func deepMessages() {
        let depth = 20_000
        let text = String(repeating: "Content-Type: message/rfc822\r\n\r\n", count: depth) + "body"
        let expected = String(repeating: "Content-Type: message/rfc822\n\n", count: depth) + "\nbody"
        #expect(PythonEmailText.asString(text) == expected)
    }
}
