// Process-wide state: the account list (the vault in filesDir), and the route waiting for
// confirmation (kept here, not in Intent extras, so a link with a secret never travels
// through the system).
package dev.inkan.android.platform

import android.app.Application
import android.util.Base64
import dev.inkan.android.shell.AccountList
import dev.inkan.android.shell.Route
import dev.inkan.android.shell.VaultFile
import dev.inkan.core.KeyStore
import java.security.SecureRandom

open class InkanApp : Application() {
    lateinit var accounts: AccountList
        private set

    /** The link being confirmed; ConfirmActivity takes it. */
    var pendingRoute: Route? = null

    /** The new vault's recovery code, until the main screen has shown it once. */
    var recoveryCode: String? = null

    /** The vault's key store slot: the Android Keystore (tests on the JVM substitute theirs). */
    protected open fun keyStore(): KeyStore = AndroidKeyStoreAdapter()

    override fun onCreate() {
        super.onCreate()
        // The vault opens through the key store; its password (set once, at creation) is
        // random: the recovery code shown on first start is the way back in without the key.
        val vault = VaultFile.openOrCreate(filesDir, keyStore(), newPassword = {
            Base64.encodeToString(ByteArray(24).also { SecureRandom().nextBytes(it) }, Base64.NO_WRAP)
        }) { recoveryCode = it }
        accounts = AccountList(vault, SystemClockAdapter())
        Notifications.createChannel(this)
        PollJobService.schedule(this)
    }
}
