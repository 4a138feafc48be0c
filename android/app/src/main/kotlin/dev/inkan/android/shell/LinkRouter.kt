// Where an incoming link goes: every link ends on a confirmation screen (or a refusal);
// nothing is saved or paired without the user's yes.
package dev.inkan.android.shell

import dev.inkan.core.Account
import dev.inkan.core.InkanException
import dev.inkan.core.ParsedLink
import dev.inkan.core.parseLink
import java.net.URI

sealed interface Route {
    /** otpauth / steam / otpauth-migration: confirm the accounts. */
    class AddAccounts(val confirmation: AddConfirmation) : Route
    /** https pairing link (App Link, `https://<host>/.well-known/inkan/pair#<URI>`): confirm
     *  the server. The link's contents are parsed and checked by the core pairing module once
     *  it lands (docs/pairing-links.md on the push branch); the shell only shows the host. */
    data class Pair(val host: String, val link: String) : Route
    /** Not usable: show the reason. */
    data class Rejected(val reason: String) : Route
}

object LinkRouter {
    /** Path of pairing App Links (`https://<host>/.well-known/inkan/pair#<URI>`). */
    const val PAIR_PATH = "/.well-known/inkan/pair"

    fun route(link: String): Route {
        val scheme = link.trim().substringBefore(':', "").lowercase()
        return when (scheme) {
            "otpauth", "otpauth-migration", "steam" -> try {
                Route.AddAccounts(AddConfirmation(parseLink(link)))
            } catch (e: InkanException) {
                Route.Rejected(e.displayReason)
            }
            "https" -> pairing(link)
            // privacyIDEA push enrollments: parsed by the core pairing module once it lands.
            "pia" -> Route.Rejected("push enrollment is not supported yet")
            "http" -> Route.Rejected("pairing links must use https")
            else -> Route.Rejected("unsupported link")
        }
    }

    private fun pairing(link: String): Route {
        val uri = try { URI(link.trim()) } catch (e: java.net.URISyntaxException) { return Route.Rejected("not a valid link") }
        val host = uri.host ?: return Route.Rejected("the link names no server")
        if (uri.path != PAIR_PATH) return Route.Rejected("unsupported link")
        return Route.Pair(host, link.trim())
    }
}

data class ConfirmItem(val issuer: String, val account: String)

/** The accounts a link would add, shown before anything is saved. Accept hands them over
 *  once; cancel (or a second accept) hands over nothing and releases them. */
class AddConfirmation(parsed: ParsedLink) : AutoCloseable {
    private var pending: List<Account>? = parsed.accounts
    val items: List<ConfirmItem> = parsed.accounts.map { it.info() }.map { ConfirmItem(it.issuer ?: "", it.name) }
    /** One line per export item that cannot be imported: "name: reason". */
    val skipped: List<String> = parsed.skipped.map { item ->
        val name = item.name.ifEmpty { "item ${item.index + 1u}" }
        "$name: ${item.reason}"
    }

    fun accept(): List<Account> {
        val accounts = pending ?: return emptyList()
        pending = null
        return accounts
    }

    fun cancel() = close()

    override fun close() {
        pending?.forEach { it.close() }
        pending = null
    }
}
