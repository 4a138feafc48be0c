// Which signatures need the user: the token key signs polls, approvals and denials (one key
// per token, as privacyIDEA has it); only an approval (SignPurpose.APPROVE) must first pass
// the presence step (SEC-P6: approve needs user presence, deny needs none). The keys and the
// presence step are platform code behind two small interfaces, so that tests substitute
// a software key and a stub.
package dev.inkan.android.shell

import dev.inkan.core.PushSigner
import dev.inkan.core.SignPurpose

/** The user confirms an approval on this device. Blocks until they have; throws
 *  `CallbackException.Denied` when they cancel. Never called on the main thread. */
fun interface Presence {
    fun confirm(message: ByteArray)
}

/** The push token keys by alias: RSA, PKCS#1 v1.5 SHA-256. */
interface TokenKeys {
    /** DER SubjectPublicKeyInfo of the key under [alias], created first when missing. */
    fun publicKeyDer(alias: String): ByteArray

    /** Signature over [message] with the key under [alias]; `CallbackException.NotFound`
     *  when there is none. */
    fun sign(alias: String, message: ByteArray): ByteArray

    /** Deletes the key under [alias] (its token was removed); nothing when there is none. */
    fun delete(alias: String)
}

/** The app's PushSigner: [keys] sign, after [presence] for approvals only. */
class PresenceSigner(private val keys: TokenKeys, private val presence: Presence) : PushSigner {
    override fun publicKeyDer(keyAlias: String): ByteArray = keys.publicKeyDer(keyAlias)

    override fun sign(keyAlias: String, message: ByteArray, purpose: SignPurpose): ByteArray {
        // Nothing is signed with the token key for an approval the user has not confirmed.
        if (needsPresence(purpose)) presence.confirm(message)
        return keys.sign(keyAlias, message)
    }

    companion object {
        fun needsPresence(purpose: SignPurpose): Boolean = when (purpose) {
            SignPurpose.APPROVE -> true
            SignPurpose.POLL, SignPurpose.DENY -> false
        }
    }
}
