// How codes are shown: grouped for reading aloud, hidden on a locked device.
// Pure Kotlin (no android.*): tested on the JVM by android/check.sh.
package dev.inkan.android.shell

import dev.inkan.core.Code

object CodeFormat {
    /** Groups digits for reading: 6 → "123 456", 7 → "123 4567", 8 → "1234 5678". Steam's
     *  5 characters and other lengths stay as they are. */
    fun group(text: String): String = when (text.length) {
        6, 7 -> text.substring(0, 3) + " " + text.substring(3)
        8 -> text.substring(0, 4) + " " + text.substring(4)
        9 -> text.chunked(3).joinToString(" ")
        10 -> text.substring(0, 3) + " " + text.substring(3, 6) + " " + text.substring(6)
        else -> text
    }

    /** The grouped shape of a code with every character masked: shown while locked. */
    fun hidden(length: Int): String = group("•".repeat(length))

    /** Share of the code's lifetime left (1.0 just after it appeared); null for HOTP. */
    fun progress(code: Code): Float? {
        val from = code.validFrom ?: return null
        val until = code.validUntil ?: return null
        val remaining = code.remainingSeconds ?: return null
        val period = (until - from).toLong()
        return if (period <= 0) null else remaining.toLong().toFloat() / period
    }
}
