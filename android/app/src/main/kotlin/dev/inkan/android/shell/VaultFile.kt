// The vault file in the app's files directory and how the app gets it open: first start →
// set a password, then acknowledge the recovery code; later starts → the Keystore slot, with
// the password or the recovery code as the fallback (VaultUnlock.kt). What a vault is
// (slots, Argon2id, recovery code) is core's.
package dev.inkan.android.shell

import dev.inkan.core.Authenticator
import dev.inkan.core.InkanException
import dev.inkan.core.KeyStore
import dev.inkan.core.createVault
import java.io.File

/** What the app can do at start. */
sealed interface VaultStart {
    /** No vault yet: ask for a new password. */
    data object Create : VaultStart
    /** Opened through the key store slot. */
    class Open(val vault: Authenticator) : VaultStart
    /** The key store slot did not open it ([reason]): ask for the password. */
    data class NeedPassword(val reason: String) : VaultStart
}

/** A password for a new vault: [problem] says what is wrong, or null when it can be used. */
object NewPassword {
    const val MIN_LENGTH = 8

    fun problem(password: String, confirmation: String): String? = when {
        password.length < MIN_LENGTH -> "Use at least $MIN_LENGTH characters"
        password != confirmation -> "The two passwords differ"
        else -> null
    }
}

/** A new vault whose recovery code the user has not acknowledged yet. It lives under
 *  [VaultFile.PENDING] until [confirmSaved]: a process that dies before that leaves no
 *  vault behind without a saved recovery code (the next start discards it and asks again). */
class PendingVault internal constructor(
    private val dir: File,
    private var vault: Authenticator?,
    /** Show it, once; the user must confirm they saved it. */
    val recoveryCode: String,
    private val keyStore: KeyStore,
    private var password: String?,
) : AutoCloseable {
    /** The user saved the recovery code: the vault becomes the app's vault, opened again
     *  through the key store slot (the password when that slot fails). */
    fun confirmSaved(): Authenticator {
        val pending = vault ?: error("already confirmed")
        pending.close()
        vault = null
        val from = File(dir, VaultFile.PENDING)
        val to = File(dir, VaultFile.NAME)
        if (!from.renameTo(to)) throw InkanException.Internal("the new vault could not be put in place")
        VaultFile.discardPending(dir)
        val opened = try {
            Authenticator.openWithKeyStore(to.path, keyStore)
        } catch (e: InkanException) {
            Authenticator.openWithPassword(to.path, password ?: throw e)
        }
        password = null
        return opened
    }

    override fun close() {
        vault?.close()
        vault = null
        password = null
    }
}

object VaultFile {
    const val NAME = "inkan.vault"
    const val PENDING = "inkan.vault.new"

    fun exists(dir: File): Boolean = File(dir, NAME).exists()

    /** Removes a vault left under [PENDING] (and its lock and generation files). */
    fun discardPending(dir: File) {
        dir.listFiles { f -> f.name == PENDING || f.name.startsWith("$PENDING.") }?.forEach { it.delete() }
    }

    /** At app start: a pending vault is discarded; then create, or open with [keyStore]. */
    fun start(dir: File, keyStore: KeyStore): VaultStart {
        discardPending(dir)
        if (!exists(dir)) return VaultStart.Create
        return try {
            VaultStart.Open(Authenticator.openWithKeyStore(File(dir, NAME).path, keyStore))
        } catch (e: InkanException) {
            VaultStart.NeedPassword(e.displayReason)
        }
    }

    /** A new vault with [password] and the [keyStore] slot; its recovery code must be
     *  acknowledged (PendingVault.confirmSaved) before it is used. Slow (Argon2id): not on
     *  the main thread. */
    fun create(dir: File, password: String, keyStore: KeyStore): PendingVault {
        check(!exists(dir)) { "a vault exists already" }
        dir.mkdirs()
        discardPending(dir)
        val path = File(dir, PENDING).path
        val created = try {
            createVault(path, password, keyStore)
        } catch (e: InkanException.KeystoreUnavailable) {
            // No usable key store on this phone: a vault with password and recovery code
            // only (every start then asks for the password).
            discardPending(dir)
            createVault(path, password, null)
        }
        return PendingVault(dir, created.authenticator, created.recoveryCode, keyStore, password)
    }

    /** Opens the vault with its password (WrongPassword when it is not). Slow: not on the main thread. */
    fun openWithPassword(dir: File, password: String): Authenticator =
        Authenticator.openWithPassword(File(dir, NAME).path, password)

    /** The password screen (the key store slot did not open the vault): opens it with the
     *  password, then gives it a new key store slot. Slow: not on the main thread. */
    fun unlock(dir: File, password: String, keyStore: KeyStore): Unlocked {
        val vault = openWithPassword(dir, password)
        return Unlocked(vault, KeyStoreSlot.renew(vault, keyStore))
    }

    /** "Use recovery code": opens the vault with [recoveryCode] (case, spaces and dashes do
     *  not matter; core normalizes it). A wrong code throws WrongPassword with a reason that
     *  names the recovery code. The vault is not usable before a new password is set
     *  ([RecoveredVault.setPassword]). Slow: not on the main thread. */
    fun openWithRecoveryCode(dir: File, recoveryCode: String, keyStore: KeyStore): RecoveredVault {
        val vault = try {
            Authenticator.openWithRecoveryCode(File(dir, NAME).path, recoveryCode)
        } catch (e: InkanException.WrongPassword) {
            throw InkanException.WrongPassword(RecoveredVault.WRONG_CODE)
        }
        return RecoveredVault(vault, keyStore)
    }
}
