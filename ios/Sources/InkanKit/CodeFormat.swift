// How codes are shown: grouped for reading aloud, masked on a locked device.
import InkanCore

public enum CodeFormat {
    /// Groups digits for reading: 6 → "123 456", 7 → "123 4567", 8 → "1234 5678". Steam's
    /// 5 characters and other lengths stay as they are.
    public static func group(_ text: String) -> String {
        let c = Array(text)
        func s(_ a: Int, _ b: Int) -> String { String(c[a..<b]) }
        switch c.count {
        case 6, 7: return s(0, 3) + " " + s(3, c.count)
        case 8: return s(0, 4) + " " + s(4, 8)
        case 9: return s(0, 3) + " " + s(3, 6) + " " + s(6, 9)
        case 10: return s(0, 3) + " " + s(3, 6) + " " + s(6, 10)
        default: return text
        }
    }

    /// The grouped shape of a code with every character masked: shown while locked.
    public static func hidden(length: Int) -> String {
        group(String(repeating: "•", count: length))
    }

    /// Share of the code's lifetime left (1.0 just after it appeared); nil for HOTP.
    public static func progress(_ code: Code) -> Double? {
        guard let from = code.validFrom, let until = code.validUntil,
              let remaining = code.remainingSeconds, until > from else { return nil }
        return Double(remaining) / Double(until - from)
    }
}
