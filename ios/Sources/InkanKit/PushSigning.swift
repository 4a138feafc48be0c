// Which push signatures need the user. One RSA key per privacyIDEA token signs polls,
// approvals and denials (the server knows one public key per token), so that key cannot
// ask for Face ID on every use: background polls would prompt. The user's presence for an
// approval (SEC-P6) is therefore a separate step before the token key signs, and only for
// SignPurpose.approve; polls and denials sign silently (deny needs none). Keys and presence
// are platform code behind two small protocols (Keychain RSA keys and the Secure Enclave
// approval key in InkanApp), so tests substitute a software key and a stub.
import Foundation
import InkanCore

/// The user confirms an approval on this device. Blocks until they have; throws
/// `CallbackError.Denied` when they cancel (then nothing is signed or sent). Called on the
/// Rust worker thread of `PushSigner.sign`, never on the main thread.
public protocol Presence: Sendable {
    func confirm(message: Data) throws
}

/// The push token keys by alias: RSA, PKCS#1 v1.5 SHA-256.
public protocol TokenKeys: Sendable {
    /// DER SubjectPublicKeyInfo of the key under `alias`, created first when missing.
    func publicKeyDer(alias: String) throws -> Data
    /// Signature over `message` with the key under `alias`; `CallbackError.NotFound` when
    /// there is none.
    func sign(alias: String, message: Data) throws -> Data
    /// Removes the key under `alias` (its token is gone, or its rollout failed); a missing
    /// key is not an error.
    func delete(alias: String) throws
}

/// The app's `PushSigner`: `keys` sign, after `presence` for approvals only.
public final class PresenceSigner: PushSigner {
    private let keys: TokenKeys
    private let presence: Presence

    public init(keys: TokenKeys, presence: Presence) {
        self.keys = keys
        self.presence = presence
    }

    public func publicKeyDer(keyAlias: String) throws -> Data {
        try keys.publicKeyDer(alias: keyAlias)
    }

    public func sign(keyAlias: String, message: Data, purpose: SignPurpose) throws -> Data {
        // SEC-P6: nothing is signed with the token key for an approval the user has not
        // confirmed; a cancelled presence step throws before the key is touched.
        if Self.needsPresence(purpose) { try presence.confirm(message: message) }
        return try keys.sign(alias: keyAlias, message: message)
    }

    public static func needsPresence(_ purpose: SignPurpose) -> Bool {
        switch purpose {
        case .approve: return true
        case .poll, .deny: return false
        }
    }
}

/// DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) around a PKCS#1 RSAPublicKey (RFC 8017
/// A.1.1): the Keychain exports RSA public keys as bare PKCS#1, privacyIDEA wants SPKI.
public enum RSAPublicKeyInfo {
    /// AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }.
    static let algorithm: [UInt8] = [
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
    ]

    public static func wrap(pkcs1: Data) -> Data {
        let bitString = tlv(0x03, [0x00] + [UInt8](pkcs1))
        return Data(tlv(0x30, algorithm + bitString))
    }

    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + length(content.count) + content
    }

    /// DER definite length: short form below 128, else 0x80 | byte count, big-endian.
    static func length(_ n: Int) -> [UInt8] {
        if n < 0x80 { return [UInt8(n)] }
        var bytes: [UInt8] = []
        var rest = n
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xff), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}
