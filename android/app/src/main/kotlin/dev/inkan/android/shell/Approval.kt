// Push approval screen state over the core's verified PushChallenge: who asks (the paired
// token's issuer and label, the server it was paired with, the challenge's title and
// question as plain text), the number (choose-one among the offered options, or type-in),
// approve / deny / "this wasn't me".
// Whether a number is right is decided by core and the server (PushClient.answerNumber);
// the shell only collects the answer, sends one decision, and says what happened.
package dev.inkan.android.shell

import dev.inkan.core.DenyReason
import dev.inkan.core.InkanException
import dev.inkan.core.PushChallenge
import dev.inkan.core.PushClient
import dev.inkan.core.PushTokenInfo

/** How the user gives the number of a number-matching challenge. */
enum class NumberMode {
    /** No number matching: approve or deny. */
    NONE,
    /** Tap the offered option that the sign-in page shows (privacyIDEA's own app does this). */
    CHOOSE_ONE,
    /** Type the number the sign-in page shows; the options are not shown. */
    TYPE_IN,
}

sealed interface Decision {
    /** Approve, with the number when the challenge has number matching. Needs presence. */
    data class Approve(val number: String?) : Decision
    /** "Deny": the user changed their mind (DenyReason.CANCELLED). No presence needed. */
    data object Deny : Decision
    /** "This wasn't me": deny and report it (DenyReason.NOT_ME, SEC-P9; counts for SEC-P8). */
    data object Report : Decision
}

/** What sending a decision did, for the screen. [success]: the server recorded it.
 *  [open]: nothing was sent (the confirmation was cancelled) and the challenge is still
 *  open: the screen stays, and the user can approve again or deny. */
data class Outcome(val message: String, val success: Boolean, val open: Boolean = false)

class ApprovalState(val challenge: PushChallenge, token: PushTokenInfo?, typeIn: Boolean = false) {
    val mode: NumberMode = when {
        challenge.options.isNullOrEmpty() -> NumberMode.NONE
        typeIn -> NumberMode.TYPE_IN
        else -> NumberMode.CHOOSE_ONE
    }

    /** "issuer: label" of the paired token, or the serial when the token is unknown. */
    val account: String = token?.let(NotificationTexts::accountName) ?: challenge.serial

    /** "Sign-in at <host>": core fills the record's host from the URL pinned at pairing, not
     *  from what the server sent; null for a record without one. On this screen only, never
     *  in a notification (SEC-P7). */
    val signInAt: String? = challenge.host.ifEmpty { null }?.let { "Sign-in at $it" }

    /** The title and question: untrusted text, to be shown as plain text only (SEC-P2). */
    val title: String get() = challenge.title
    val question: String get() = challenge.question

    /** Choose-one: the buttons, in server order; none of them is marked (SEC-P5). */
    val choices: List<String> = if (mode == NumberMode.CHOOSE_ONE) challenge.options.orEmpty() else emptyList()

    private val maxDigits = challenge.options.orEmpty().maxOfOrNull { it.length } ?: 0

    var typed: String = ""
        private set
    var chosen: String? = null
        private set

    /** A decision has been handed out: one answer per challenge from this screen. */
    var decided: Boolean = false
        private set

    /** The options hold letters (privacyIDEA can send them): type-in keeps letters too and
     *  the screen offers a text keyboard instead of the number pad. */
    val lettersAllowed: Boolean = challenge.options.orEmpty().any { option -> option.any { it.isAsciiLetter() } }

    /** Type-in: keeps digits (and ASCII letters when the options hold any, in the options'
     *  case when one matches), at most as many as the longest option. */
    fun type(text: String) {
        val kept = text.filter { it in '0'..'9' || (lettersAllowed && it.isAsciiLetter()) }.take(maxDigits)
        typed = challenge.options.orEmpty().firstOrNull { it.equals(kept, ignoreCase = true) } ?: kept
    }

    private fun Char.isAsciiLetter() = this in 'a'..'z' || this in 'A'..'Z'

    /** Choose-one: only an offered option can be chosen. */
    fun choose(option: String) {
        if (option in choices) chosen = option
    }

    private val number: String?
        get() = when (mode) {
            NumberMode.NONE -> null
            NumberMode.CHOOSE_ONE -> chosen
            NumberMode.TYPE_IN -> typed.ifEmpty { null }
        }

    val canApprove: Boolean get() = !decided && (mode == NumberMode.NONE || number != null)

    fun approve(): Decision.Approve? = if (canApprove) Decision.Approve(number).also { decided = true } else null

    fun deny(): Decision? = decide(Decision.Deny)

    fun report(): Decision? = decide(Decision.Report)

    private fun decide(decision: Decision): Decision? = if (decided) null else decision.also { decided = true }

    /** After an outcome that left the challenge open ([Outcome.open]): decide again. */
    fun retry() {
        decided = false
    }

    companion object {
        fun needsPresence(decision: Decision): Boolean = decision is Decision.Approve
    }
}

/** Sends decisions through the core PushClient and words the result. */
object Answering {
    /** True when the server recorded the answer. Throws what PushClient throws. */
    suspend fun send(client: PushClient, challenge: PushChallenge, decision: Decision): Boolean = when (decision) {
        is Decision.Approve -> when (val n = decision.number) {
            null -> client.approve(challenge.serial, challenge.nonce)
            else -> client.answerNumber(challenge.serial, challenge.nonce, n)
        }
        Decision.Deny -> client.deny(challenge.serial, challenge.nonce, DenyReason.CANCELLED)
        Decision.Report -> client.deny(challenge.serial, challenge.nonce, DenyReason.NOT_ME)
    }

    fun outcome(decision: Decision, result: Result<Boolean>): Outcome {
        val recorded = result.getOrElse { error ->
            return when (error) {
                // The prompt was cancelled: nothing signed or sent, the challenge stays open.
                is InkanException.Cancelled ->
                    Outcome("Not approved: you cancelled the confirmation. You can approve again or deny.", false, open = true)
                is InkanException.ChallengeRejected ->
                    Outcome("Not approved: ${error.reason}. If you are signing in yourself, start the sign-in again.", false)
                is InkanException.Network ->
                    Outcome("The push server could not be reached: ${error.reason}", false)
                is InkanException -> Outcome(error.displayReason, false)
                else -> throw error
            }
        }
        if (!recorded) return Outcome("The server did not take the answer: the request has expired or was answered elsewhere.", false)
        return when (decision) {
            is Decision.Approve -> Outcome("Sign-in approved", true)
            Decision.Deny -> Outcome("Sign-in denied", true)
            Decision.Report -> Outcome(
                "Sign-in denied and reported. If you did not start it, someone may know your password: change it.", true,
            )
        }
    }
}
