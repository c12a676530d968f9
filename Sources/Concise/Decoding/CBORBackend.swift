/// Which raw codec reads heads and writes them.
///
/// Both backends follow the same contract and give identical results (the test suite runs every
/// vector through both); they differ only in speed.
public enum CBORBackend: Sendable, Hashable, CaseIterable {
    /// libcbor 0.8's streaming decoder and `cbor_encode_*` functions, with Swift covering the
    /// items libcbor gets wrong. The default.
    case libcbor
    /// Heads read and written in Swift.
    case native
}
