// Process-wide state: the account list, and the route waiting for confirmation (kept here,
// not in Intent extras, so a link with a secret never travels through the system).
package dev.inkan.android.platform

import android.app.Application
import dev.inkan.android.shell.AccountList
import dev.inkan.android.shell.Route
import dev.inkan.core.CodeGenerator

class InkanApp : Application() {
    lateinit var accounts: AccountList
        private set

    /** The link being confirmed; ConfirmActivity takes it. */
    var pendingRoute: Route? = null

    override fun onCreate() {
        super.onCreate()
        accounts = AccountList(CodeGenerator(SystemClockAdapter()))
        Notifications.createChannel(this)
        PollJobService.schedule(this)
    }
}
