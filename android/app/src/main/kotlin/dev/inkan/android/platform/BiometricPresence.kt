// The presence step of an approval on the phone: a BiometricPrompt over the approval screen
// whose CryptoObject is the per-use-auth ApprovalKey; the unlocked key signs the approval
// message inside the success callback. Called by Rust on its worker thread (PushSigner.sign
// with SignPurpose.APPROVE): the prompt runs on the main thread while that thread waits on a
// latch. Cancel, error or timeout → CallbackException.Denied (nothing is signed).
package dev.inkan.android.platform

import android.app.Activity
import android.hardware.biometrics.BiometricManager
import android.hardware.biometrics.BiometricPrompt
import android.os.Build
import android.os.CancellationSignal
import android.os.Looper
import dev.inkan.android.shell.Presence
import dev.inkan.core.CallbackException
import java.security.GeneralSecurityException
import java.security.Signature
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicReference

/** [host] is the approval screen that is open, if any (the prompt shows over it). */
class BiometricPresence(
    private val host: () -> Activity?,
    private val timeoutMs: Long = 120_000,
) : Presence {
    override fun confirm(message: ByteArray) {
        // Blocking the main thread here would deadlock: the prompt needs it.
        if (Looper.myLooper() == Looper.getMainLooper()) throw CallbackException.Failed("approval asked on the main thread")
        val activity = host() ?: throw CallbackException.Denied("the approval screen is not open")
        val signature = try {
            ApprovalKey.signature()
        } catch (e: GeneralSecurityException) {
            throw CallbackException.Unavailable("approval key: ${e.javaClass.simpleName}")
        }
        val outcome = AtomicReference<CallbackException?>(notConfirmed())
        val done = CountDownLatch(1)
        val cancel = CancellationSignal()
        fun finish(result: CallbackException?) {
            if (done.count == 0L) return
            outcome.set(result)
            done.countDown()
        }
        val callback = object : BiometricPrompt.AuthenticationCallback() {
            override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
                // The Keystore releases the key only now: sign the approval message with it.
                finish(try {
                    val unlocked: Signature = result.cryptoObject?.signature ?: throw GeneralSecurityException("no signature")
                    unlocked.update(message)
                    unlocked.sign()
                    null
                } catch (e: GeneralSecurityException) {
                    CallbackException.Denied("the approval key refused: ${e.javaClass.simpleName}")
                })
            }

            override fun onAuthenticationError(errorCode: Int, errString: CharSequence?) = finish(notConfirmed())
        }
        activity.runOnUiThread {
            try {
                prompt(activity) { finish(notConfirmed()) }
                    .authenticate(BiometricPrompt.CryptoObject(signature), cancel, activity.mainExecutor, callback)
            } catch (e: RuntimeException) {
                finish(CallbackException.Unavailable("biometric prompt: ${e.javaClass.simpleName}"))
            }
        }
        if (!done.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            cancel.cancel()
            throw CallbackException.Denied("the approval timed out")
        }
        outcome.get()?.let { throw it }
    }

    private fun prompt(activity: Activity, onCancel: () -> Unit): BiometricPrompt =
        BiometricPrompt.Builder(activity)
            .setTitle("Approve sign-in")
            .setSubtitle("Confirm it is you")
            .apply {
                if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
                    // The device credential is the fallback; the system then shows its own cancel.
                    setAllowedAuthenticators(BiometricManager.Authenticators.BIOMETRIC_STRONG or BiometricManager.Authenticators.DEVICE_CREDENTIAL)
                } else {
                    setNegativeButton("Cancel", activity.mainExecutor) { _, _ -> onCancel() }
                }
            }
            .build()

    private fun notConfirmed() = CallbackException.Denied("the approval was not confirmed")
}
