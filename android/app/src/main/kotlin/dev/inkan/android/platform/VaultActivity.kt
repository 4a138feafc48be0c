// Getting the vault open. First start: set a password (twice), then the recovery code with
// "I saved my recovery code", which must be ticked before the account list shows. Later
// starts open through the Keystore slot without this screen; when that slot fails (key
// invalidated, Keystore unavailable) this screen asks for the password, or — "Use recovery
// code" — for the recovery code and then a new password (twice) before the list shows.
// After either, the Keystore slot is made again (a toast says so when it could not be).
// The logic is the shell's (VaultFile, VaultUnlock.kt). Argon2id runs off the main thread.
// FLAG_SECURE: passwords and the recovery code are on screen.
package dev.inkan.android.platform

import android.app.Activity
import android.content.Intent
import android.os.Bundle
import android.text.InputType
import android.widget.Button
import android.widget.CheckBox
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.Toast
import dev.inkan.android.shell.NewPassword
import dev.inkan.android.shell.VaultStart
import dev.inkan.android.shell.displayReason
import dev.inkan.core.InkanException
import kotlin.concurrent.thread

class VaultActivity : Activity() {
    private lateinit var root: LinearLayout

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        secureWindow()
        root = column()
        setContentView(root)
        show()
    }

    /** The step for the app's current state. */
    private fun show() {
        root.removeAllViews()
        if (app.pendingVault != null) return showRecoveryCode()
        if (app.recoveredVault != null) return showNewPassword()
        when (val start = app.start()) {
            is VaultStart.Open -> done()
            VaultStart.Create -> showCreate()
            is VaultStart.NeedPassword -> showUnlock(start.reason)
        }
    }

    private fun passwordField(hint: String): EditText = EditText(this).apply {
        this.hint = hint
        inputType = InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_VARIATION_PASSWORD
    }.also { root.addView(it) }

    /** Read once, then cleared: the typed secret does not stay in the view. */
    private fun EditText.take(): String = text.toString().also { text.clear() }

    private fun showCreate() {
        root.text("Protect your accounts", 20f)
        root.text("Choose a password for inkan. You need it if this phone's key store cannot open your accounts.")
        val password = passwordField("Password")
        val confirm = passwordField("Password again")
        val problem = root.text("", 14f)
        lateinit var create: Button
        create = root.button("Continue") {
            val p = password.text.toString()
            NewPassword.problem(p, confirm.text.toString())?.let { problem.text = it; return@button }
            create.isEnabled = false
            problem.text = "Creating the vault…"
            working({ app.createVault(p) }) { error ->
                if (error == null) showRecoveryCode() else { problem.text = error; create.isEnabled = true }
            }
        }
    }

    private fun showRecoveryCode() {
        root.removeAllViews()
        val pending = app.pendingVault ?: return show()
        root.text("Your recovery code", 20f)
        root.text("Write it down and keep it somewhere safe. It opens your accounts if you forget the password. It is shown only now.")
        root.text(pending.recoveryCode, 22f).setTextIsSelectable(false)
        val saved = CheckBox(this).apply { text = "I saved my recovery code" }
        root.addView(saved)
        val go = root.button("Show my accounts") {
            try {
                app.recoveryCodeSaved()
                done()
            } catch (e: InkanException) {
                root.text(e.displayReason, 14f)
            }
        }
        go.isEnabled = false
        saved.setOnCheckedChangeListener { _, checked -> go.isEnabled = checked }
    }

    private fun showUnlock(reason: String) {
        root.removeAllViews()
        root.text("Enter your password", 20f)
        root.text("The phone's key store did not open your accounts ($reason).", 14f)
        val password = passwordField("Password")
        val problem = root.text("", 14f)
        lateinit var unlock: Button
        unlock = root.button("Open") {
            val p = password.take()
            unlock.isEnabled = false
            problem.text = "Opening…"
            var notice: String? = null
            working({ notice = app.unlockWithPassword(p) }) { error ->
                if (error == null) done(notice) else { problem.text = error; unlock.isEnabled = true }
            }
        }
        root.button("Use recovery code") { showRecoveryEntry(reason) }
    }

    /** Forgotten password: the recovery code written down at the first start. */
    private fun showRecoveryEntry(reason: String) {
        root.removeAllViews()
        root.text("Enter your recovery code", 20f)
        root.text("The code you wrote down when you set up inkan (8 groups of 4 characters). You choose a new password next.")
        val code = EditText(this).apply {
            hint = "Recovery code"
            inputType = InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_VARIATION_VISIBLE_PASSWORD or
                InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS
        }.also { root.addView(it) }
        val problem = root.text("", 14f)
        lateinit var open: Button
        open = root.button("Open with recovery code") {
            val c = code.text.toString()
            open.isEnabled = false
            problem.text = "Opening…"
            working({ app.unlockWithRecoveryCode(c) }) { error ->
                // Kept after a wrong code, to fix a typo; cleared once it opened the vault.
                if (error == null) { code.text.clear(); showNewPassword() } else { problem.text = error; open.isEnabled = true }
            }
        }
        root.button("Use my password") { showUnlock(reason) }
    }

    /** After the recovery code: the old password is lost, so a new one before the list. */
    private fun showNewPassword() {
        root.removeAllViews()
        if (app.recoveredVault == null) return show()
        root.text("Choose a new password", 20f)
        root.text("Your recovery code opened your accounts. Set a new password: the old one will no longer open them. Your recovery code stays the same.")
        val password = passwordField("New password")
        val confirm = passwordField("New password again")
        val problem = root.text("", 14f)
        lateinit var save: Button
        save = root.button("Save password") {
            val p = password.text.toString()
            val c = confirm.text.toString()
            NewPassword.problem(p, c)?.let { problem.text = it; return@button }
            password.text.clear()
            confirm.text.clear()
            save.isEnabled = false
            problem.text = "Saving the new password…"
            var notice: String? = null
            working({ notice = app.setNewPassword(p, c) }) { error ->
                if (error == null) done(notice) else { problem.text = error; save.isEnabled = true }
            }
        }
    }

    /** Runs [block] on a worker thread, then [after] on the main thread with the error text. */
    private fun working(block: () -> Unit, after: (String?) -> Unit) {
        thread(name = "inkan-vault") {
            val error = try {
                block()
                null
            } catch (e: InkanException) {
                e.displayReason
            }
            runOnUiThread { if (!isDestroyed) after(error) }
        }
    }

    /** Open: go where the user was going (a link waiting for confirmation, or the list);
     *  [notice] (the key store could not be set up again) shows briefly on the way. */
    private fun done(notice: String? = null) {
        notice?.let { Toast.makeText(applicationContext, it, Toast.LENGTH_LONG).show() }
        val next = if (app.pendingRoute != null) ConfirmActivity::class.java else MainActivity::class.java
        startActivity(Intent(this, next).addFlags(Intent.FLAG_ACTIVITY_CLEAR_TOP))
        finish()
    }

    companion object {
        /** When the vault is not open, sends [activity] here and returns false. */
        fun ensureOpen(activity: Activity): Boolean {
            if (activity.app.unlocked) return true
            if (activity.app.pendingVault == null && activity.app.recoveredVault == null &&
                activity.app.start() is VaultStart.Open
            ) return true
            activity.startActivity(Intent(activity, VaultActivity::class.java))
            activity.finish()
            return false
        }
    }
}
