// The paired push tokens: one row each (account, "Sign-in at <host>", serial, pairing
// date) with "Remove", which asks first. What is shown and what removal does (vault first,
// then the Keystore key, then the server-is-not-told notice) is the shell's PushTokens;
// this screen only draws it.
package dev.inkan.android.platform

import android.app.Activity
import android.app.AlertDialog
import android.os.Bundle
import android.view.WindowManager
import android.widget.LinearLayout
import android.widget.ScrollView
import android.widget.Toast
import dev.inkan.android.shell.PushTokens
import dev.inkan.android.shell.TokenRow

class TokensActivity : Activity() {
    private lateinit var list: LinearLayout
    private var notice: String? = null

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        secureWindow()
        if (!VaultActivity.ensureOpen(this)) return
        list = column()
        setContentView(ScrollView(this).apply { addView(list) })
        render()
    }

    private fun render() {
        val tokens = app.tokenList() ?: return finish()
        list.removeAllViews()
        list.text("Push sign-in", 20f)
        notice?.let { list.text(it, 14f) }
        val rows = tokens.rows()
        if (rows.isEmpty()) list.text("No push sign-in is paired.")
        for (row in rows) {
            list.text(row.account, 16f)
            list.text("Sign-in at ${row.server}", 14f).autoLinkMask = 0
            list.text("${row.serial}, ${row.paired}", 12f)
            list.button("Remove") { ask(tokens, row) }
        }
    }

    private fun ask(tokens: PushTokens, row: TokenRow) {
        val question = tokens.question(row)
        val dialog = AlertDialog.Builder(this)
            .setTitle(question.title)
            .setMessage(question.message)
            .setPositiveButton(question.confirm) { _, _ -> remove(tokens, row) }
            .setNegativeButton("Cancel", null)
            .create()
        // The dialog is its own window: FLAG_SECURE as on every screen.
        dialog.window?.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        dialog.show()
    }

    /** On the main thread, as adding an account: one vault save and one Keystore deletion. */
    private fun remove(tokens: PushTokens, row: TokenRow) {
        val removal = tokens.remove(row.serial)
        notice = removal.message
        Toast.makeText(this, removal.message, Toast.LENGTH_LONG).show()
        render()
    }
}
