// The shell scenarios of tests/shell-scenarios.md (H1–H6): the Android shell's pure logic
// on the JVM, calling the real Rust library through JNA. No android.* class is on the
// runtime classpath, so a shell class that touched the framework would fail here.

import dev.inkan.android.shell.AccountList
import dev.inkan.android.shell.AddSummary
import dev.inkan.android.shell.VaultFile
import dev.inkan.android.shell.ApprovalState
import dev.inkan.android.shell.CodeFormat
import dev.inkan.android.shell.ConfirmItem
import dev.inkan.android.shell.Decision
import dev.inkan.android.shell.LinkRouter
import dev.inkan.android.shell.NotificationTexts
import dev.inkan.android.shell.Route
import dev.inkan.android.shell.SignInRequest
import dev.inkan.core.Clock
import dev.inkan.core.KeyStore
import java.nio.file.Files
import java.util.concurrent.atomic.AtomicInteger
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

const val RFC_SHA1 = "otpauth://totp/RFC6238:sha1?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&period=30&issuer=RFC6238"
const val MIGRATION_MD5 = "otpauth-migration://offline?data=CiwKFDRJiMQxwIXjd9MFXrhxhqg%2FFj14EgRrYXRlGghHb29kIE9uZSABKAEwAgomChCCLZiiK2t0SN0zlHjgtiefEgNsZW8aB09sZCBNRDUgBCgBMAIKLAoU85HX%2Fukq9jTZxbeR2Mls2%2FSoi2kSBG1heWEaCEdvb2QgVHdvIAIoATACEAEYASi1ldCg%2Bv%2F%2F%2F%2F8B"
const val BAD_SECRET = "otpauth://totp/X:a?secret=SUPERSECRET1&issuer=X"
const val PAIR_LINK = "https://auth.example.com/.well-known/inkan/pair#otpauth%3A%2F%2Ftotp%2FA%3Aa%3Fsecret%3DJBSWY3DPEHPK3PXP"
const val PUSH_LINK = "pia://pipush/PIPU000058DF?url=https%3A//pi.example.com/ttype/push&ttl=10&issuer=privacyIDEA&enrollment_credential=ee203e52e28a952aac2779bd2525ad935888a4eb&v=1&serial=PIPU000058DF&sslverify=0"
const val NOW = 1_795_764_920L
const val RFC_SHA1_OTHER_SECRET = "otpauth://totp/RFC6238:sha1?secret=JBSWY3DPEHPK3PXP&digits=8&period=30&issuer=RFC6238"

/** The vault's key store slot for JVM tests: XOR "wrapping", remembering what it wrapped. */
class MemoryKeyStore : KeyStore {
    val wrapped = java.util.concurrent.ConcurrentHashMap<String, ByteArray>()
    override fun wrapKey(keyId: String, key: ByteArray): ByteArray =
        ByteArray(key.size) { (key[it].toInt() xor 0x5a).toByte() }.also { wrapped[keyId] = it }
    override fun unwrapKey(keyId: String, wrapped: ByteArray): ByteArray =
        ByteArray(wrapped.size) { (wrapped[it].toInt() xor 0x5a).toByte() }
    override fun deleteKey(keyId: String) { wrapped.remove(keyId) }
}

class CountingClock(private val now: Long) : Clock {
    val calls = AtomicInteger()
    override fun nowUnix(): Long { calls.incrementAndGet(); return now }
}

fun route(link: String): Route = LinkRouter.route(link, NOW)
fun addRoute(link: String): Route.AddAccounts = assertInstanceOf(Route.AddAccounts::class.java, route(link))

class ShellTest {
    @Test
    fun h1_codeFormatting() {
        assertEquals("9428 7082", CodeFormat.group("94287082"))
        assertEquals("866 714", CodeFormat.group("866714"))
        assertEquals("123 4567", CodeFormat.group("1234567"))
        assertEquals("5K2PQ", CodeFormat.group("5K2PQ"))
        assertEquals("••• •••", CodeFormat.hidden(6))
    }

    @Test
    fun h2_accountList() {
        val clock = CountingClock(59)
        val keyStore = MemoryKeyStore()
        val dir = Files.createTempDirectory("inkan-shell").toFile()
        AccountList(VaultFile.openOrCreate(dir, keyStore, { "pw" }), clock).use { list ->
            // The confirm flow: route the link, show it, accept → the vault's addLink.
            val summary = list.add(addRoute(RFC_SHA1).confirmation)!!
            assertEquals(AddSummary(1, 0, 0), summary)
            assertNull(summary.message)
            val state = list.state(deviceLocked = false)
            val row = state.rows.single()
            assertEquals("RFC6238 (sha1)", row.label)
            assertEquals("9428 7082", row.code)
            assertEquals(1L, row.remainingSeconds)
            assertEquals(1f / 30, row.progress!!, 1e-6f)
            assertEquals(1L, state.refreshInSeconds)
            val reads = clock.calls.get()

            val locked = list.state(deviceLocked = true)
            assertEquals("•••• ••••", locked.rows.single().code)
            assertNull(locked.rows.single().remainingSeconds)
            assertEquals(reads, clock.calls.get(), "the clock must not be read while locked")
        }
        assertTrue(keyStore.wrapped.isNotEmpty(), "the vault key is wrapped by the key store slot")
        // Reopened through the key store: the account is still there.
        AccountList(VaultFile.openOrCreate(dir, keyStore, { error("no new vault") }), CountingClock(59)).use { list ->
            assertEquals("9428 7082", list.state(deviceLocked = false).rows.single().code)
        }
    }

    @Test
    fun h3_linkRouting() {
        addRoute(RFC_SHA1).confirmation.use { assertEquals(listOf(ConfirmItem("RFC6238", "sha1")), it.items) }
        addRoute(MIGRATION_MD5).confirmation.use {
            assertEquals(2, it.items.size)
            assertEquals(1, it.skipped.size)
            assertTrue(it.skipped[0].startsWith("leo: "), it.skipped[0])
        }
        val bad = assertInstanceOf(Route.Rejected::class.java, route(BAD_SECRET))
        assertTrue(bad.reason.contains("base32"), bad.reason)
        assertFalse(bad.reason.contains("SUPERSECRET"), bad.reason)
        addRoute(PAIR_LINK).confirmation.use {
            assertEquals("auth.example.com", it.fromHost)
            assertEquals(listOf(ConfirmItem("A", "a")), it.items)
        }
        val pair = assertInstanceOf(Route.Pair::class.java, route(PUSH_LINK))
        assertEquals("pi.example.com", pair.host)
        pair.enrollment.close()
        assertInstanceOf(Route.Rejected::class.java, route("https://auth.example.com/pair"))
        assertInstanceOf(Route.Rejected::class.java, route(PAIR_LINK.replace("https:", "http:")))
        assertInstanceOf(Route.Rejected::class.java, route("mailto:a@b"))
    }

    @Test
    fun h4_confirmation() {
        val dir = Files.createTempDirectory("inkan-shell").toFile()
        var recovery: String? = null
        AccountList(VaultFile.openOrCreate(dir, MemoryKeyStore(), { "pw" }) { recovery = it }, CountingClock(59)).use { list ->
            assertNotNull(recovery)
            val confirmation = addRoute(RFC_SHA1).confirmation
            assertEquals(0, list.size)
            assertEquals(AddSummary(1, 0, 0), list.add(confirmation))
            assertEquals(1, list.size)
            assertNull(confirmation.accept())
            assertNull(list.add(confirmation))

            val cancelled = addRoute(RFC_SHA1).confirmation
            cancelled.cancel()
            assertNull(cancelled.accept())
            assertEquals(1, list.size)

            val again = list.add(addRoute(RFC_SHA1).confirmation)!!
            assertEquals(AddSummary(0, 0, 1), again)
            assertEquals(1, list.size)
            val duplicate = list.add(addRoute(RFC_SHA1_OTHER_SECRET).confirmation)!!
            assertEquals(AddSummary(0, 1, 0), duplicate)
            assertTrue(duplicate.message!!.contains("second entry"), duplicate.message)
            assertEquals(2, list.size)
        }
    }

    @Test
    fun h5_notificationText() {
        val text = NotificationTexts.signIn(SignInRequest("VPN", "auth.example.com", listOf(42)))
        assertEquals("Sign-in request", text.title)
        assertTrue(text.body.contains("VPN") && text.body.contains("auth.example.com"), text.body)
        assertFalse(text.body.contains("42"), text.body)
        assertEquals("Sign-in request", text.publicTitle)
        assertEquals("", text.publicBody)
    }

    @Test
    fun h6_approval() {
        val choose = ApprovalState(SignInRequest("VPN", "auth.example.com", listOf(17, 42, 93)))
        assertFalse(choose.canApprove)
        assertNull(choose.approve())
        choose.choose(55)
        assertFalse(choose.canApprove)
        choose.choose(42)
        val approve = choose.approve()
        assertEquals(Decision.Approve(42), approve)
        assertTrue(ApprovalState.needsBiometric(approve!!))

        val typeIn = ApprovalState(SignInRequest("VPN", "auth.example.com", emptyList()))
        typeIn.type("4a2 7")
        assertEquals("42", typeIn.typed)
        assertEquals(Decision.Approve(42), typeIn.approve())
        assertFalse(ApprovalState.needsBiometric(typeIn.deny()))
        assertFalse(ApprovalState.needsBiometric(typeIn.report()))
    }
}
