// The paired push tokens screen: one row per token (account, the server it was paired
// with, serial, pairing date) and its removal. Removal takes the token out of the vault
// first (core `removePushToken`, which returns it with its key alias) and only then deletes
// that platform key: the other order would leave a token in the vault whose key is gone.
// The server is not told (privacyIDEA has no client-side unpairing): the texts say to
// revoke the token there too, or it keeps sending requests no device answers.
package dev.inkan.android.shell

import dev.inkan.core.Authenticator
import dev.inkan.core.CallbackException
import dev.inkan.core.InkanException
import dev.inkan.core.PushTokenInfo
import java.time.Instant
import java.time.ZoneId

/** One paired token as the list shows it. */
data class TokenRow(val serial: String, val account: String, val server: String, val paired: String)

/** The question before a removal; [confirm] is the destructive button's label. */
data class RemoveQuestion(val title: String, val message: String, val confirm: String = "Remove")

/** What a removal did, for the screen. [removed]: the token is gone from the vault. */
data class Removal(val message: String, val removed: Boolean)

class PushTokens(
    private val vault: Authenticator,
    private val keys: TokenKeys,
    private val inbox: PushInbox,
    private val zone: ZoneId = ZoneId.systemDefault(),
) {
    /** The paired tokens, in pairing order. */
    fun rows(): List<TokenRow> = vault.pushTokens().map(::row)

    fun row(token: PushTokenInfo) = TokenRow(
        serial = token.serial,
        account = NotificationTexts.accountName(token),
        server = serverName(token.host),
        paired = "paired " + Instant.ofEpochSecond(token.pairedAt).atZone(zone).toLocalDate(),
    )

    fun question(row: TokenRow) = RemoveQuestion(
        title = "Remove ${row.account}?",
        message = "This phone will no longer get or answer sign-in requests from ${row.server} for " +
            "${row.account}, and its key for them is deleted. This cannot be undone: to use push " +
            "sign-in again, pair anew.\n\n${notTold(row)}",
    )

    /** Removes the token [serial] from the vault, then deletes its key. */
    fun remove(serial: String): Removal {
        val token = try {
            vault.removePushToken(serial)
        } catch (e: InkanException) {
            return Removal("Not removed: ${e.displayReason}", false)
        }
        // Its open requests can no longer be answered from here.
        inbox.removeToken(token.serial)
        val row = row(token)
        // A token paired by the desktop program has a software key and no alias here.
        val keyLeft = token.keyAlias?.let { alias ->
            try {
                keys.delete(alias)
                null
            } catch (e: CallbackException) {
                " Its key could not be deleted from this phone (${e.javaClass.simpleName}); it is no longer used."
            }
        }
        return Removal("Removed ${row.account}.${keyLeft.orEmpty()} ${notTold(row)}", true)
    }

    companion object {
        /** The server's `host[:port]`, or a generic name for a token without one. */
        fun serverName(host: String): String = if (host.isEmpty()) "the push server" else host

        fun notTold(row: TokenRow): String =
            "The server is not told: also revoke token ${row.serial} at ${row.server} " +
                "(or ask its administrator), or it keeps sending sign-in requests to this token."
    }
}
