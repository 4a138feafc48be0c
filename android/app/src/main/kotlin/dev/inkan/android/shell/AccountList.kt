// The account list screen's state: one row per vault entry with its code and countdown.
// Accounts live in the vault (Rust `Authenticator`); codes come from Rust at the app's
// clock; this only lays them out.
package dev.inkan.android.shell

import dev.inkan.core.AddStatus
import dev.inkan.core.Authenticator
import dev.inkan.core.Clock

data class AccountRow(
    /** The vault entry id (for HOTP: `nextHotp`). */
    val id: String,
    val label: String,
    /** Grouped code, or its masked shape while the device is locked (and for HOTP until asked). */
    val code: String,
    /** Seconds until the code changes; null for HOTP or while locked. */
    val remainingSeconds: Long?,
    /** Countdown ring fill, 1.0 → 0.0; null for HOTP or while locked. */
    val progress: Float?,
)

data class AccountListState(val rows: List<AccountRow>, val refreshInSeconds: Long?)

/** What adding a confirmed link did. [message] is for the user when not everything was
 *  simply added (an account kept as a second entry, or already there). */
data class AddSummary(val added: Int, val duplicatesKept: Int, val existing: Int) {
    val message: String?
        get() = when {
            duplicatesKept > 0 -> "$duplicatesKept account(s) have the same issuer and name as an existing one " +
                "but another secret: kept as a second entry"
            existing > 0 && added == 0 -> "Already in your accounts: nothing added"
            existing > 0 -> "$existing account(s) were already there"
            else -> null
        }
}

/** Owns the open vault and reads the clock for codes. Not thread-safe: the UI thread drives
 *  it. Call [close] when the app's process ends. */
class AccountList(private val vault: Authenticator, private val clock: Clock) : AutoCloseable {
    val size: Int get() = vault.accounts().size

    /** Adds every account of a confirmed link to the vault (all or nothing; never overwrites). */
    fun add(link: String, nowUnix: Long = clock.nowUnix()): AddSummary {
        val results = vault.addLink(link, nowUnix)
        return AddSummary(
            added = results.count { it.status == AddStatus.ADDED },
            duplicatesKept = results.count { it.status == AddStatus.DUPLICATE_KEPT },
            existing = results.count { it.status == AddStatus.EXISTING },
        )
    }

    /** The accepted link of [confirmation], added; null when it was cancelled or already accepted. */
    fun add(confirmation: AddConfirmation): AddSummary? = confirmation.accept()?.let { add(it) }

    /** The next HOTP code of entry [id] (the counter is saved first), grouped. */
    fun nextHotp(id: String): String = CodeFormat.group(vault.nextHotpCode(id, clock.nowUnix()).text)

    fun rename(id: String, issuer: String?, name: String) = vault.rename(id, issuer, name)

    fun remove(id: String) = vault.remove(id)

    /** Rows at the clock's "now". Locked: labels only; no code is computed, and the
     *  clock is not read, so nothing secret-derived exists while the device is locked. */
    fun state(deviceLocked: Boolean): AccountListState {
        val accounts = vault.accounts()
        if (deviceLocked) {
            return AccountListState(accounts.map { AccountRow(it.id, it.info.label, CodeFormat.hidden(it.info.digits.toInt()), null, null) }, null)
        }
        val codes = vault.codesAt(clock.nowUnix()).associateBy { it.id }
        val rows = accounts.map { account ->
            val code = codes[account.id]?.code
            if (code == null) {
                AccountRow(account.id, account.info.label, CodeFormat.hidden(account.info.digits.toInt()), null, null)
            } else {
                AccountRow(account.id, account.info.label, CodeFormat.group(code.text), code.remainingSeconds?.toLong(), CodeFormat.progress(code))
            }
        }
        return AccountListState(rows, rows.mapNotNull { it.remainingSeconds }.minOrNull())
    }

    override fun close() {
        vault.close()
    }
}
