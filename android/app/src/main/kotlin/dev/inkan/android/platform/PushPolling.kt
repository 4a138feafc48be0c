// One poll of every paired push token through the core PushClient (which verifies each
// challenge before it reaches the app), for the foreground loop, the approval screen and
// PollJobService. Blocking: never on the main thread.
package dev.inkan.android.platform

import dev.inkan.android.shell.displayReason
import dev.inkan.core.InkanException
import kotlinx.coroutines.runBlocking

object PushPolling {
    /** How often the open app polls (the job polls every 15 minutes). */
    const val FOREGROUND_PERIOD_MS = 15_000L

    /** Polls and puts the open challenges in the app's inbox. Null when the vault is not
     *  open or nothing is paired; otherwise the error text, or "" on success. */
    fun poll(app: InkanApp): String? {
        val client = app.push ?: return null
        if (app.pushTokens().isEmpty()) return null
        return try {
            val result = runBlocking { client.poll() }
            app.inbox.update(result.challenges, result.muted.size)
            ""
        } catch (e: InkanException) {
            e.displayReason
        }
    }
}
