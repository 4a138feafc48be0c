// Push approval: shows who asks (the paired account, "Sign-in at <host>" of the server it
// was paired with, the challenge's title and question as plain text), collects the number
// (choose-one, or type-in), then sends one decision through the core PushClient on a
// worker thread. Approve → the token key signs only after the biometric prompt
// (PresenceSigner + BiometricPresence, shown over this screen); deny and "this wasn't me"
// need no prompt. The outcome — approved, denied, wrong number (sign-in
// blocked), no network, cancelled — is shown before the screen closes.
package dev.inkan.android.platform

import android.app.Activity
import android.os.Bundle
import android.text.Editable
import android.text.InputType
import android.text.TextWatcher
import android.widget.Button
import android.widget.EditText
import android.widget.LinearLayout
import dev.inkan.android.shell.Answering
import dev.inkan.android.shell.ApprovalState
import dev.inkan.android.shell.Decision
import dev.inkan.android.shell.NumberMode
import dev.inkan.android.shell.Outcome
import dev.inkan.core.PushChallenge
import java.lang.ref.WeakReference
import kotlin.concurrent.thread
import kotlinx.coroutines.runBlocking

class ApproveActivity : Activity() {
    private lateinit var root: LinearLayout
    private var state: ApprovalState? = null
    private var typeIn = false

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        secureWindow()
        if (!VaultActivity.ensureOpen(this)) return
        app.approvalScreen = WeakReference(this)
        root = column()
        setContentView(root)
        val challenge = app.inbox.find(intent?.getStringExtra(EXTRA_NONCE))
        if (challenge != null) return show(challenge)
        // Opened from a notification in a new process: ask the server first.
        root.text("Checking for sign-in requests…")
        thread(name = "inkan-poll") {
            val error = PushPolling.poll(app)
            runOnUiThread {
                if (isDestroyed) return@runOnUiThread
                val found = app.inbox.find(null)
                when {
                    found != null -> show(found)
                    else -> finished(Outcome(error?.ifEmpty { null } ?: "No open sign-in request", false))
                }
            }
        }
    }

    override fun onDestroy() {
        if (app.approvalScreen?.get() === this) app.approvalScreen = null
        super.onDestroy()
    }

    private fun show(challenge: PushChallenge, notice: String? = null) {
        val token = app.pushTokens().firstOrNull { it.serial == challenge.serial }
        val state = ApprovalState(challenge, token, typeIn).also { this.state = it }
        root.removeAllViews()
        notice?.let { root.text(it, 14f) }
        root.text("Sign-in request", 20f)
        root.text(state.account, 16f)
        // The pinned server's host: here only, never on the notification (SEC-P7).
        state.signInAt?.let { root.text(it, 16f).autoLinkMask = 0 }
        // Untrusted text: plain TextViews, never markup or links (SEC-P2).
        root.text(state.title, 16f).autoLinkMask = 0
        root.text(state.question, 16f).autoLinkMask = 0
        root.text("Expires in ${challenge.expiresIn} s", 12f)
        val approve = Button(this).apply { text = "Approve" }
        fun refresh() { approve.isEnabled = state.canApprove }
        when (state.mode) {
            NumberMode.NONE -> Unit
            NumberMode.CHOOSE_ONE -> {
                root.text("Tap the number shown on the sign-in page")
                val row = LinearLayout(this)
                for (option in state.choices) {
                    row.addView(Button(this).apply {
                        text = option
                        setOnClickListener { state.choose(option); highlight(row, this); refresh() }
                    })
                }
                root.addView(row)
                root.button("Type the number instead") { typeIn = true; show(challenge) }
            }
            NumberMode.TYPE_IN -> {
                root.text("Type the number shown on the sign-in page")
                val input = EditText(this).apply {
                    inputType = if (state.lettersAllowed) {
                        InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS or InputType.TYPE_TEXT_FLAG_CAP_CHARACTERS
                    } else {
                        InputType.TYPE_CLASS_NUMBER
                    }
                }
                input.addTextChangedListener(object : TextWatcher {
                    override fun beforeTextChanged(s: CharSequence?, start: Int, count: Int, after: Int) = Unit
                    override fun onTextChanged(s: CharSequence?, start: Int, before: Int, count: Int) = Unit
                    override fun afterTextChanged(s: Editable?) { state.type(s?.toString().orEmpty()); refresh() }
                })
                root.addView(input)
            }
        }
        approve.setOnClickListener { state.approve()?.let { send(challenge, it) } }
        root.addView(approve)
        refresh()
        root.button("Deny") { state.deny()?.let { send(challenge, it) } }
        root.button("This wasn't me") { state.report()?.let { send(challenge, it) } }
    }

    private fun highlight(row: LinearLayout, chosen: Button) {
        for (i in 0 until row.childCount) (row.getChildAt(i) as? Button)?.alpha = if (row.getChildAt(i) === chosen) 1f else 0.5f
    }

    /** One decision, sent on a worker thread: Rust signs there (and waits for the prompt). */
    private fun send(challenge: PushChallenge, decision: Decision) {
        val client = app.push ?: return finished(Outcome("Your accounts are locked", false))
        root.removeAllViews()
        root.text(if (ApprovalState.needsPresence(decision)) "Confirm it is you…" else "Sending…")
        thread(name = "inkan-answer") {
            val result = runCatching { runBlocking { Answering.send(client, challenge, decision) } }
            val outcome = Answering.outcome(decision, result)
            if (!outcome.open) app.inbox.remove(challenge.nonce)
            runOnUiThread {
                when {
                    isDestroyed -> Unit
                    // Cancelled prompt: nothing was sent; the same screen again, to retry or deny.
                    outcome.open -> show(challenge, outcome.message)
                    else -> finished(outcome)
                }
            }
        }
    }

    /** The result stays on screen until the user closes it. */
    private fun finished(outcome: Outcome) {
        root.removeAllViews()
        root.text(if (outcome.success) "Done" else "Not done", 20f)
        root.text(outcome.message)
        root.button("Close") { finish() }
    }

    companion object {
        /** Optional Intent extra: the nonce of the challenge to show (else the first open one). */
        const val EXTRA_NONCE = "nonce"
    }
}
