// Push approval: shows who asks, collects the number (type-in or choose-one), approves only
// after BiometricPrompt unlocks the Keystore signing key; deny and report need no biometric.
package dev.inkan.android.platform

import android.app.Activity
import android.hardware.biometrics.BiometricPrompt
import android.os.Bundle
import android.os.CancellationSignal
import android.text.Editable
import android.text.InputType
import android.text.TextWatcher
import android.widget.EditText
import dev.inkan.android.shell.ApprovalState
import dev.inkan.android.shell.Decision
import dev.inkan.android.shell.SignInRequest

class ApproveActivity : Activity() {
    /** Set by the push client when a challenge arrives (core PushClient, not yet landed). */
    companion object {
        @Volatile var current: SignInRequest? = null
    }

    private lateinit var state: ApprovalState

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        secureWindow()
        val request = current ?: return finish()
        state = ApprovalState(request)
        val root = column()
        root.text("Sign in to ${request.service}?", 20f)
        root.text("Requested by ${request.host}")
        if (state.typeIn) {
            root.text("Type the number shown on the sign-in page")
            val input = EditText(this).apply { inputType = InputType.TYPE_CLASS_NUMBER }
            input.addTextChangedListener(object : TextWatcher {
                override fun beforeTextChanged(s: CharSequence?, start: Int, count: Int, after: Int) = Unit
                override fun onTextChanged(s: CharSequence?, start: Int, before: Int, count: Int) = Unit
                override fun afterTextChanged(s: Editable?) = state.type(s?.toString().orEmpty())
            })
            root.addView(input)
        } else {
            root.text("Tap the number shown on the sign-in page")
            for (n in request.choices) root.button(n.toString()) { state.choose(n) }
        }
        root.button("Approve") { state.approve()?.let(::confirmWithBiometric) }
        root.button("Deny") { send(state.deny()) }
        root.button("Deny and report") { send(state.report()) }
        setContentView(root)
    }

    private fun confirmWithBiometric(decision: Decision.Approve) {
        val prompt = BiometricPrompt.Builder(this)
            .setTitle("Approve sign-in")
            .setNegativeButton("Cancel", mainExecutor) { _, _ -> }
            .build()
        prompt.authenticate(
            BiometricPrompt.CryptoObject(ApprovalKey.signature()),
            CancellationSignal(),
            mainExecutor,
            object : BiometricPrompt.AuthenticationCallback() {
                override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
                    // The unlocked Signature signs the challenge (core push builds the bytes).
                    val signature = result.cryptoObject?.signature ?: return
                    send(decision, signature)
                }
            },
        )
    }

    @Suppress("UNUSED_PARAMETER")
    private fun send(decision: Decision, signature: java.security.Signature? = null) {
        // PushClient.answer(decision, signer) once the push module lands.
        current = null
        finish()
    }
}
