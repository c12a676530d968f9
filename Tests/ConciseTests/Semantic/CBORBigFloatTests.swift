import Testing
import Concise

/// Tag 5 with an exponent beyond 64 bits, as cbor2 6.3.0 reads it: below -2^63 Python's
/// `Decimal(m) * 2 ** Decimal(e)` underflows to `0E-1000026`, above 2^63 - 1 it overflows.
struct CBORBigFloatTests {
    @Test("an exponent below -2^63 decodes as Int.min, which underflows the same")
    func vanishingExponent() throws {
        // 5([-2^64, -5]) and 5([-(2^72) - 1, 1]) (a tag 3 bignum exponent).
        for (hex, mantissa) in [("c5823bffffffffffffffff24", -5), ("c582c34901000000000000000001", 1)] {
            let value = try CBORDecoder().decode(from: [UInt8](hex: hex))
            #expect(value as? CBORBigFloat == CBORBigFloat(mantissa: CBORBigInt(mantissa), exponent: .min), "\(hex)")
        }
    }

    @Test("an exponent above 2^63 - 1, or beyond 64 bits in tag 4, is refused with its value")
    func overflowingExponent() {
        for (hex, text) in [("c5821bffffffffffffffff01", "tag 5: exponent 18446744073709551615"),
                            ("c4823bffffffffffffffff01", "tag 4: exponent -18446744073709551616")] {
            do {
                _ = try CBORDecoder().decode(from: [UInt8](hex: hex))
                Issue.record("\(hex) decoded")
            } catch let error as CBORError {
                #expect(error.code == .invalidTagContent && error.offset == 0 && error.message.contains(text), "\(error)")
            } catch {
                Issue.record("\(hex): \(error)")
            }
        }
    }
}
