// Where an incoming link goes: every link ends on a confirmation screen (or a refusal);
// nothing is saved or paired without the user's yes. What a link means — schemes, the https
// pairing link, push enrollments, the refusals — is core's (`openLink`, core pairing).
package dev.inkan.android.shell

import dev.inkan.core.Account
import dev.inkan.core.InkanException
import dev.inkan.core.LinkRequest
import dev.inkan.core.PushEnrollment
import dev.inkan.core.PushEnrollmentInfo
import dev.inkan.core.SkippedItem
import dev.inkan.core.openLink

sealed interface Route {
    /** otpauth / steam / otpauth-migration, directly or inside an https pairing link. */
    class AddAccounts(val confirmation: AddConfirmation) : Route
    /** A push token enrollment: confirm the server before the rollout (PushClient). */
    class Pair(val info: PushEnrollmentInfo, val enrollment: PushEnrollment) : Route {
        val host: String get() = info.serverHost
    }
    /** Not usable: show the reason. */
    data class Rejected(val reason: String) : Route
}

object LinkRouter {
    /** Routes [link] as received at [nowUnix] (push enrollments expire). */
    fun route(link: String, nowUnix: Long): Route = try {
        when (val request = openLink(link.trim(), nowUnix)) {
            is LinkRequest.Accounts -> Route.AddAccounts(AddConfirmation(link.trim(), request.accounts, request.skipped, request.fromHost))
            is LinkRequest.Push -> Route.Pair(request.enrollment.info(), request.enrollment)
        }
    } catch (e: InkanException) {
        Route.Rejected(e.displayReason)
    }
}

data class ConfirmItem(val issuer: String, val account: String)

/** The accounts a link would add, shown before anything is saved. Accept hands over the
 *  link once (for the vault's `addLink`); cancel (or a second accept) hands over nothing.
 *  The previewed accounts are released either way. */
class AddConfirmation(private val link: String, accounts: List<Account>, skippedItems: List<SkippedItem>, val fromHost: String?) : AutoCloseable {
    private var pending: List<Account>? = accounts
    val items: List<ConfirmItem> = accounts.map { it.info() }.map { ConfirmItem(it.issuer ?: "", it.name) }
    /** One line per export item that cannot be imported: "name: reason". */
    val skipped: List<String> = skippedItems.map { item ->
        val name = item.name.ifEmpty { "item ${item.index + 1u}" }
        "$name: ${item.reason}"
    }

    fun accept(): String? {
        if (pending == null) return null
        close()
        return link
    }

    fun cancel() = close()

    override fun close() {
        pending?.forEach { it.close() }
        pending = null
    }
}
