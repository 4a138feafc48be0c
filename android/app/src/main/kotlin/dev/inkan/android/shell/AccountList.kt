// The account list screen's state: one row per account with its code and countdown.
// Codes come from Rust (CodeGenerator with the app's clock); this only lays them out.
package dev.inkan.android.shell

import dev.inkan.core.Account
import dev.inkan.core.CodeGenerator

data class AccountRow(
    val label: String,
    /** Grouped code, or its masked shape while the device is locked. */
    val code: String,
    /** Seconds until the code changes; null for HOTP or while locked. */
    val remainingSeconds: Long?,
    /** Countdown ring fill, 1.0 → 0.0; null for HOTP or while locked. */
    val progress: Float?,
)

data class AccountListState(val rows: List<AccountRow>, val refreshInSeconds: Long?)

/** Owns the enrolled accounts (until the vault lands they live in memory) and the generator.
 *  Not thread-safe: the UI thread drives it. Call [close] when the app's process ends. */
class AccountList(private val generator: CodeGenerator) : AutoCloseable {
    private val accounts = mutableListOf<Account>()

    val size: Int get() = accounts.size

    /** Takes ownership of [added]: they are closed with this list. */
    fun add(added: List<Account>) {
        accounts += added
    }

    /** Rows at the generator's "now". Locked: labels only; no code is computed, and the
     *  clock is not read, so nothing secret-derived exists while the device is locked. */
    fun state(deviceLocked: Boolean): AccountListState {
        val infos = accounts.map { it.info() }
        if (deviceLocked) {
            return AccountListState(infos.map { AccountRow(it.label, CodeFormat.hidden(it.digits.toInt()), null, null) }, null)
        }
        val codes = generator.codes(accounts)
        val rows = infos.zip(codes) { info, code ->
            AccountRow(info.label, CodeFormat.group(code.text), code.remainingSeconds?.toLong(), CodeFormat.progress(code))
        }
        return AccountListState(rows, rows.mapNotNull { it.remainingSeconds }.minOrNull())
    }

    override fun close() {
        accounts.forEach { it.close() }
        accounts.clear()
    }
}
