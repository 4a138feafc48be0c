// What a sign-in notification says. The lock screen sees only the public version ("Sign-in
// request", SEC-P7); neither version carries a code, the question or any number option
// (they are shown inside the app, after unlock).
package dev.inkan.android.shell

import dev.inkan.core.PushChallenge
import dev.inkan.core.PushTokenInfo

data class NotificationText(val title: String, val body: String, val publicTitle: String, val publicBody: String)

object NotificationTexts {
    const val TITLE = "Sign-in request"

    /** For the open [challenges] of the last poll; [tokens] name the accounts. */
    fun signIn(challenges: List<PushChallenge>, tokens: List<PushTokenInfo>): NotificationText {
        val accounts = challenges.map { c -> tokens.firstOrNull { it.serial == c.serial }?.let(::accountName) ?: c.serial }.distinct()
        val body = if (challenges.size == 1) {
            "${accounts.single()} asks to approve a sign-in. Open to review."
        } else {
            "${challenges.size} sign-in requests (${accounts.joinToString(", ")}). Open to review."
        }
        return NotificationText(title = TITLE, body = body, publicTitle = TITLE, publicBody = "")
    }

    fun accountName(token: PushTokenInfo): String =
        listOf(token.issuer, token.label).filter(String::isNotEmpty).joinToString(": ").ifEmpty { token.serial }
}

/** The open challenges of the last poll, for the approval screen and the main screen. */
class PushInbox {
    var challenges: List<PushChallenge> = emptyList()
        private set

    /** Challenges of muted tokens were seen (SEC-P8): say "someone may know your password". */
    var mutedSeen: Boolean = false
        private set

    @Synchronized
    fun update(challenges: List<PushChallenge>, muted: Int) {
        this.challenges = challenges
        if (muted > 0) mutedSeen = true
    }

    @Synchronized
    fun find(nonce: String?): PushChallenge? = challenges.firstOrNull { nonce == null || it.nonce == nonce }

    /** The challenge was answered (or refused): it leaves the inbox at once. */
    @Synchronized
    fun remove(nonce: String) {
        challenges = challenges.filter { it.nonce != nonce }
    }

    /** The token [serial] was removed: its challenges can no longer be answered here. */
    @Synchronized
    fun removeToken(serial: String) {
        challenges = challenges.filter { it.serial != serial }
    }

    @Synchronized
    fun acknowledgeMuted() {
        mutedSeen = false
    }

    companion object {
        const val MUTED_WARNING = "Repeated sign-in requests were silenced: someone may know your password. Change it."
    }
}
