// Push approval screen state: number matching (type-in or choose-one), approve, deny,
// report. Whether the number matches is the core push module's decision (it holds the
// challenge); the shell only collects the answer. SignInRequest stands in for the core's
// challenge record until the push module lands.
package dev.inkan.android.shell

data class SignInRequest(
    val service: String,
    val host: String,
    /** Choose-one: the numbers offered (one is the one on the sign-in page). Empty: type-in. */
    val choices: List<Int>,
)

sealed interface Decision {
    /** Approve with the user's answer; must pass a biometric prompt first. */
    data class Approve(val answer: Int) : Decision
    /** Deny: no biometric needed (denying cannot hurt the user). */
    data object Deny : Decision
    /** Deny and flag the request as suspicious. */
    data object Report : Decision
}

class ApprovalState(val request: SignInRequest) {
    val typeIn: Boolean get() = request.choices.isEmpty()
    var typed: String = ""
        private set
    var chosen: Int? = null
        private set

    /** Type-in: keeps digits only, at most [MAX_DIGITS]. */
    fun type(text: String) {
        typed = text.filter { it in '0'..'9' }.take(MAX_DIGITS)
    }

    /** Choose-one: only an offered number can be chosen. */
    fun choose(number: Int) {
        if (number in request.choices) chosen = number
    }

    private val answer: Int? get() = if (typeIn) typed.toIntOrNull() else chosen

    val canApprove: Boolean get() = answer != null

    fun approve(): Decision.Approve? = answer?.let { Decision.Approve(it) }

    fun deny(): Decision = Decision.Deny

    fun report(): Decision = Decision.Report

    companion object {
        const val MAX_DIGITS = 2

        fun needsBiometric(decision: Decision): Boolean = decision is Decision.Approve
    }
}
