// The confirmation screen every link and scan goes through: issuer and account (or the
// push server's host) are shown; only "Add"/"Pair" saves anything.
package dev.inkan.android.platform

import android.app.Activity
import android.os.Bundle
import android.widget.Toast
import dev.inkan.android.shell.Route
import dev.inkan.android.shell.displayReason
import dev.inkan.core.InkanException

class ConfirmActivity : Activity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        secureWindow()
        val root = column()
        when (val route = app.pendingRoute.also { app.pendingRoute = null }) {
            is Route.AddAccounts -> {
                val confirmation = route.confirmation
                root.text("Add ${confirmation.items.size} account(s)?", 20f)
                confirmation.fromHost?.let { root.text("from $it") }
                for (item in confirmation.items) root.text("${item.issuer}  ${item.account}")
                for (line in confirmation.skipped) root.text("Not imported: $line", 12f)
                root.button("Add") {
                    val summary = try {
                        app.accounts.add(confirmation)
                    } catch (e: InkanException) {
                        Toast.makeText(this, e.displayReason, Toast.LENGTH_LONG).show()
                        null
                    }
                    summary?.message?.let { Toast.makeText(this, it, Toast.LENGTH_LONG).show() }
                    finish()
                }
                root.button("Cancel") {
                    confirmation.cancel()
                    finish()
                }
            }
            is Route.Pair -> {
                val info = route.info
                root.text("Pair with ${info.serverHost}?", 20f)
                root.text("${info.issuer}: ${info.label} (${info.serial})")
                info.fromHost?.let { root.text("from $it") }
                if (info.serverAskedNoVerify) root.text("The link asks to skip certificate checks; inkan checks them anyway.", 12f)
                root.text("Sign-in requests from this server will ask for your approval.")
                // The rollout (key generation, registration) is PushClient's once exported.
                root.button("Cancel") { route.enrollment.close(); finish() }
            }
            is Route.Rejected -> {
                root.text("This link cannot be used", 20f)
                root.text(route.reason)
                root.button("OK") { finish() }
            }
            null -> finish()
        }
        setContentView(root)
    }
}
