// Process-wide state: the open vault (Rust `Authenticator` in filesDir) with the account
// list and the push client over it, the last poll's challenges, and the route waiting for
// confirmation (kept here, not in Intent extras, so a link with a secret never travels
// through the system). The vault opens lazily (VaultActivity): first start → password and
// recovery code; later starts → the Keystore slot, the password or the recovery code (then a
// new password) as the fallback, after which the Keystore slot is made again.
package dev.inkan.android.platform

import android.app.Activity
import android.app.Application
import dev.inkan.android.shell.AccountList
import dev.inkan.android.shell.PendingVault
import dev.inkan.android.shell.PresenceSigner
import dev.inkan.android.shell.PushInbox
import dev.inkan.android.shell.PushTokens
import dev.inkan.android.shell.RecoveredVault
import dev.inkan.android.shell.Route
import dev.inkan.android.shell.TokenKeys
import dev.inkan.android.shell.VaultFile
import dev.inkan.android.shell.VaultStart
import dev.inkan.core.Authenticator
import dev.inkan.core.Clock
import dev.inkan.core.HttpTransport
import dev.inkan.core.KeyStore
import dev.inkan.core.PushClient
import dev.inkan.core.PushSigner
import java.lang.ref.WeakReference

open class InkanApp : Application() {
    /** The open vault's account list; null until the vault is open. */
    @Volatile var accounts: AccountList? = null
        private set

    /** Push approval over the open vault; null until the vault is open. */
    @Volatile var push: PushClient? = null
        private set

    private var vault: Authenticator? = null

    /** The new vault waiting for "I saved my recovery code" (survives a screen rotation). */
    var pendingVault: PendingVault? = null

    /** The vault opened with the recovery code, waiting for its new password (survives a
     *  screen rotation; not usable until then). */
    var recoveredVault: RecoveredVault? = null
        private set

    /** The link being confirmed; ConfirmActivity takes it. */
    var pendingRoute: Route? = null

    /** The open challenges of the last poll. */
    val inbox = PushInbox()

    /** The approval screen that is open: the biometric prompt shows over it. */
    @Volatile var approvalScreen: WeakReference<Activity>? = null

    /** The vault's key store slot: the Android Keystore (tests on the JVM substitute theirs). */
    protected open fun keyStore(): KeyStore = AndroidKeyStoreAdapter()

    /** Push token keys: the Android Keystore (Robolectric has none and substitutes). */
    protected open fun tokenKeys(): TokenKeys = KeystoreTokenKeys()

    protected open fun transport(): HttpTransport = HttpsTransport()

    protected open fun clock(): Clock = SystemClockAdapter()

    /** The push token keys (signing, and deleting a removed token's key). */
    val keys: TokenKeys by lazy { tokenKeys() }

    protected open fun pushSigner(): PushSigner =
        PresenceSigner(keys, BiometricPresence({ approvalScreen?.get() }))

    override fun onCreate() {
        super.onCreate()
        Notifications.createChannel(this)
        PollJobService.schedule(this)
    }

    val unlocked: Boolean get() = accounts != null

    /** Opens the vault through the key store slot unless it is open already. While a new
     *  vault waits for its recovery code to be acknowledged, nothing is touched (the poll
     *  job must not discard it); while a recovered vault waits for its new password, it is
     *  not open either. */
    @Synchronized
    fun start(): VaultStart {
        vault?.let { return VaultStart.Open(it) }
        if (pendingVault != null) return VaultStart.Create
        if (recoveredVault != null) return VaultStart.NeedPassword("a new password is being set")
        val start = VaultFile.start(filesDir, keyStore())
        if (start is VaultStart.Open) opened(start.vault)
        return start
    }

    /** Creates the vault (slow: call off the main thread); the recovery code step follows. */
    @Synchronized
    fun createVault(password: String): PendingVault =
        pendingVault ?: VaultFile.create(filesDir, password, keyStore()).also { pendingVault = it }

    /** The recovery code was saved: the new vault becomes the app's vault. */
    @Synchronized
    fun recoveryCodeSaved() {
        val pending = pendingVault ?: return
        opened(pending.confirmSaved())
        pendingVault = null
    }

    /** Opens the vault with its password and makes its key store slot again (slow: call
     *  off the main thread). Returns null, or a notice when the key store refused. */
    @Synchronized
    fun unlockWithPassword(password: String): String? {
        if (vault != null) return null
        val unlocked = VaultFile.unlock(filesDir, password, keyStore())
        opened(unlocked.vault)
        return unlocked.keyStoreNotice
    }

    /** Opens the vault with the recovery code; a new password must follow
     *  ([setNewPassword]) before it is used (slow: call off the main thread). */
    @Synchronized
    fun unlockWithRecoveryCode(recoveryCode: String) {
        if (vault == null && recoveredVault == null) {
            recoveredVault = VaultFile.openWithRecoveryCode(filesDir, recoveryCode, keyStore())
        }
    }

    /** The new password after a recovery-code open: the vault becomes the app's vault with
     *  a new key store slot (slow: call off the main thread). Returns null, or a notice when
     *  the key store refused. */
    @Synchronized
    fun setNewPassword(password: String, confirmation: String): String? {
        val recovered = recoveredVault ?: return null
        val unlocked = recovered.setPassword(password, confirmation)
        recoveredVault = null
        opened(unlocked.vault)
        return unlocked.keyStoreNotice
    }

    private fun opened(vault: Authenticator) {
        this.vault = vault
        accounts = AccountList(vault, clock())
        push = vault.pushClient(transport(), pushSigner(), clock())
    }

    /** Paired push tokens (for names on the approval screen and notifications). */
    fun pushTokens() = vault?.pushTokens().orEmpty()

    /** The paired tokens screen's logic over the open vault; null while it is closed. */
    fun tokenList(): PushTokens? = vault?.let { PushTokens(it, keys, inbox) }
}
