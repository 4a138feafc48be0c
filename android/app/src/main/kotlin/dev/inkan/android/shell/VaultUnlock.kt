// Opening the vault when the key store slot did not (key invalidated or lost, Keystore
// unavailable, no slot): with the password, or with the recovery code, after which a new
// password must be set because the old one is lost. Either way the vault then gets a new
// key store slot (Authenticator.useKeyStore), so the next start opens without a password
// again; when that fails the app goes on with the password and says so. Slots, Argon2id and
// the recovery code's format are core's.
package dev.inkan.android.shell

import dev.inkan.core.Authenticator
import dev.inkan.core.InkanException
import dev.inkan.core.KeyStore

/** A vault opened with the password (or the recovery code and a new password).
 *  [keyStoreNotice]: null when the key store opens it at the next start, otherwise a short
 *  message for the screen. */
class Unlocked(val vault: Authenticator, val keyStoreNotice: String?)

/** The vault's key store slot, made again after a password or recovery-code open. */
object KeyStoreSlot {
    /** Lets [keyStore] open [vault] from now on (the old slot and its key go). Returns null,
     *  or the notice when the key store refused: the vault stays open, the password opens
     *  it at the next start. */
    fun renew(vault: Authenticator, keyStore: KeyStore): String? = try {
        vault.useKeyStore(keyStore)
        null
    } catch (e: InkanException) {
        notice(e.displayReason)
    }

    fun notice(reason: String) =
        "This phone's key store could not be set up again ($reason): inkan will ask for your password at the next start."
}

/** The vault opened with the recovery code. The user evidently lost the password, so the
 *  vault is not handed out before a new one is set; a process that dies before that leaves
 *  the vault as it was (old password, recovery code, no new key store slot). */
class RecoveredVault internal constructor(private var vault: Authenticator?, private val keyStore: KeyStore) : AutoCloseable {
    /** Sets the new password (the [NewPassword] rules; InvalidInput otherwise) — the old
     *  one no longer opens the vault, the recovery code still does — then the new key store
     *  slot. Slow (Argon2id): not on the main thread. */
    fun setPassword(password: String, confirmation: String): Unlocked {
        NewPassword.problem(password, confirmation)?.let { throw InkanException.InvalidInput(it) }
        val recovered = vault ?: error("the new password is set already")
        recovered.changePassword(password)
        vault = null
        return Unlocked(recovered, KeyStoreSlot.renew(recovered, keyStore))
    }

    override fun close() {
        vault?.close()
        vault = null
    }

    companion object {
        const val WRONG_CODE = "Wrong recovery code. Check it against the one you wrote down (dashes and case do not matter)."
    }
}
