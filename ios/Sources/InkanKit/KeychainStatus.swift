// What the shell makes of a Keychain status (Security's OSStatus): one mapping for the key
// store, the token keys and the approval key's handle, which each had their own. The three
// Security constants are named here (values from Apple's SecBase.h) so that the mapping
// compiles and is tested on Linux.
import InkanCore

public enum KeychainStatus {
    /// errSecSuccess
    public static let success: Int32 = 0
    /// errSecItemNotFound
    public static let itemNotFound: Int32 = -25300
    /// errSecInteractionNotAllowed: the device is locked (items WhenUnlocked…).
    public static let interactionNotAllowed: Int32 = -25308

    /// A lookup: true when the item is there, false when it is not. A locked device is
    /// `Unavailable` (a later try may work), anything else `Failed` with the status.
    public static func found(_ status: Int32) throws -> Bool {
        switch status {
        case success: return true
        case itemNotFound: return false
        default: throw failure(status)
        }
    }

    /// A delete: an item that is not there is gone already.
    public static func deleted(_ status: Int32) throws {
        if status != success && status != itemNotFound { throw failure(status) }
    }

    public static func failure(_ status: Int32) -> CallbackError {
        status == interactionNotAllowed
            ? .Unavailable(reason: "the device is locked")
            : .Failed(reason: "Keychain unavailable (status \(status))")
    }
}
