import Foundation

/// Where binary output goes: standard output, raw or as one line of hex.
public enum CLIOutput {
    /// Writes `bytes` to standard output, as hex text with a newline when `hex` is set.
    public static func write(_ bytes: [UInt8], hex: Bool) {
        if hex {
            print(HexText.string(bytes))
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
