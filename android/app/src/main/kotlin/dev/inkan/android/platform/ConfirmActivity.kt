// The confirmation screen every link and scan goes through: issuer and account (or the
// push server's host) are shown; only "Add"/"Pair" saves anything. "Pair" runs the core
// PushClient rollout (a new Keystore token key, registration with the server) on a worker
// thread; the key is removed again when the rollout fails.
package dev.inkan.android.platform

import android.app.Activity
import android.os.Bundle
import android.widget.Button
import android.widget.Toast
import dev.inkan.android.shell.NotificationTexts
import dev.inkan.android.shell.Route
import dev.inkan.android.shell.displayReason
import dev.inkan.core.InkanException
import kotlin.concurrent.thread
import kotlinx.coroutines.runBlocking

class ConfirmActivity : Activity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        secureWindow()
        // The route stays in the app while the vault is being opened.
        if (!VaultActivity.ensureOpen(this)) return
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
                        app.accounts?.add(confirmation)
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
                lateinit var pair: Button
                lateinit var cancel: Button
                pair = root.button("Pair") {
                    pair.isEnabled = false
                    cancel.isEnabled = false
                    root.text("Pairing… (creating the key can take a few seconds)")
                    pairing(route) { message ->
                        Toast.makeText(this, message, Toast.LENGTH_LONG).show()
                        finish()
                    }
                }
                cancel = root.button("Cancel") { route.enrollment.close(); finish() }
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

    /** The rollout on a worker thread; [done] gets the text for the user on the main thread. */
    private fun pairing(route: Route.Pair, done: (String) -> Unit) {
        val client = app.push ?: return done("Your accounts are locked")
        val alias = KeystoreTokenKeys.newAlias()
        thread(name = "inkan-rollout") {
            val message = try {
                val token = runBlocking { client.rollout(route.enrollment, alias) }
                "Paired: ${NotificationTexts.accountName(token)}"
            } catch (e: InkanException) {
                // The key made for this rollout belongs to no token.
                runCatching { app.keys.delete(alias) }
                "Not paired: ${e.displayReason}"
            } finally {
                route.enrollment.close()
            }
            runOnUiThread { done(message) }
        }
    }
}
