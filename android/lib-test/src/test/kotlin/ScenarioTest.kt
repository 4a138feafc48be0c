// The binding scenarios of tests/scenarios.md, in Kotlin (JUnit 5 on the JVM, JNA into the
// host-built libinkan.so). Uniffi objects are closed explicitly (`use {}` / `close()`).

import dev.inkan.core.*
import java.util.concurrent.atomic.AtomicInteger
import kotlin.system.measureNanoTime
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

const val RFC_SHA1 = "otpauth://totp/RFC6238:sha1?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&period=30&issuer=RFC6238"
const val RFC_SHA256 = "otpauth://totp/RFC6238:sha256?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&digits=8&algorithm=SHA256&issuer=RFC6238"
const val RFC_SHA512 = "otpauth://totp/RFC6238:sha512?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA&digits=8&algorithm=SHA512&issuer=RFC6238"
const val MIGRATION_MD5 = "otpauth-migration://offline?data=CiwKFDRJiMQxwIXjd9MFXrhxhqg%2FFj14EgRrYXRlGghHb29kIE9uZSABKAEwAgomChCCLZiiK2t0SN0zlHjgtiefEgNsZW8aB09sZCBNRDUgBCgBMAIKLAoU85HX%2Fukq9jTZxbeR2Mls2%2FSoi2kSBG1heWEaCEdvb2QgVHdvIAIoATACEAEYASi1ldCg%2Bv%2F%2F%2F%2F8B"
const val BAD_SECRET = "otpauth://totp/X:a?secret=SUPERSECRET1&issuer=X"
const val STEAM = "steam://JBSWY3DPEHPK3PXP"
const val PAIR_LINK = "https://auth.example.com/.well-known/inkan/pair#otpauth%3A%2F%2Ftotp%2FA%3Aa%3Fsecret%3DJBSWY3DPEHPK3PXP"
const val PUSH_LINK = "pia://pipush/PIPU000058DF?url=https%3A//pi.example.com/ttype/push&ttl=10&issuer=privacyIDEA&enrollment_credential=ee203e52e28a952aac2779bd2525ad935888a4eb&v=1&serial=PIPU000058DF&sslverify=0"
const val NOW = 1_795_764_920L

val RFC_ROWS = listOf(
    59L to listOf("94287082", "46119246", "90693936"),
    1111111109L to listOf("07081804", "68084774", "25091201"),
    1234567890L to listOf("89005924", "91819424", "93441116"),
    20000000000L to listOf("65353130", "77737706", "47863826"),
)

fun one(link: String): Account {
    val parsed = parseLink(link)
    assertEquals(1, parsed.accounts.size)
    return parsed.accounts[0]
}

fun rfcAccounts(): List<Account> = listOf(RFC_SHA1, RFC_SHA256, RFC_SHA512).map(::one)

fun List<Account>.closeAll() = forEach { it.close() }

class FixedClock(private val now: Long) : Clock {
    val calls = AtomicInteger()
    override fun nowUnix(): Long {
        calls.incrementAndGet()
        return now
    }
}

class ScenarioTest {
    @Test
    fun s1_rfc6238CodesAtFixedTimes() {
        val accounts = rfcAccounts()
        for ((t, want) in RFC_ROWS) {
            assertEquals(want, codesAt(accounts, t).map { it.text }, "t = $t")
        }
        val at59 = codesAt(accounts, 59)[0]
        assertEquals(30uL, at59.validFrom)
        assertEquals(60uL, at59.validUntil)
        assertEquals(1uL, at59.remainingSeconds)
        accounts.closeAll()
    }

    @Test
    fun s2_accountInfo() {
        val info = one(RFC_SHA256).use { it.info() }
        assertEquals("RFC6238", info.issuer)
        assertEquals("sha256", info.name)
        assertEquals("RFC6238 (sha256)", info.label)
        assertEquals(Algorithm.SHA256, info.algorithm)
        assertEquals(8.toUByte(), info.digits)
        assertEquals(OtpKind.Totp(30u), info.kind)
    }

    @Test
    fun s3_migrationWithPerItemErrors() {
        val parsed = parseLink(MIGRATION_MD5)
        val infos = parsed.accounts.map { it.info() }
        assertEquals(listOf("Good One" to "kate", "Good Two" to "maya"), infos.map { it.issuer to it.name })
        assertEquals(1, parsed.skipped.size)
        assertEquals(1u, parsed.skipped[0].index)
        assertEquals("leo", parsed.skipped[0].name)
        assertTrue(parsed.skipped[0].reason.contains("MD5"), parsed.skipped[0].reason)
        assertEquals(listOf("866714", "677946"), codesAt(parsed.accounts, 1234567890).map { it.text })
        parsed.accounts.closeAll()
    }

    @Test
    fun s4_errorMapping() {
        val badSecret = assertThrows(InkanException.InvalidInput::class.java) { parseLink(BAD_SECRET) }
        assertTrue(badSecret.reason.contains("base32"), badSecret.reason)
        assertFalse(badSecret.reason.contains("SUPERSECRET"), badSecret.reason)
        assertFalse(badSecret.message.orEmpty().contains("SUPERSECRET"))
        val notALink = assertThrows(InkanException.InvalidInput::class.java) { parseLink("hello") }
        val before1970 = one(RFC_SHA1).use { account ->
            assertThrows(InkanException.InvalidInput::class.java) { codesAt(listOf(account), -1) }
        }
        for (e in listOf(badSecret, notALink, before1970)) assertTrue(e.reason.isNotEmpty())
    }

    @Test
    fun s5_uriAndMigrationExport() {
        one(RFC_SHA256).use { account ->
            one(account.toUri()).use { again ->
                assertEquals(account.info(), again.info())
                assertEquals("46119246", again.codeAt(59).text)
            }
        }
        val accounts = parseLink(MIGRATION_MD5).accounts + one(STEAM)
        val export = exportMigration(accounts, 7)
        assertEquals(1, export.uris.size)
        assertEquals(1, export.skipped.size)
        assertEquals(2u, export.skipped[0].index)
        assertTrue(export.skipped[0].reason.contains("Google Authenticator"), export.skipped[0].reason)
        val back = parseLink(export.uris[0])
        assertTrue(back.skipped.isEmpty())
        assertEquals(listOf("866714", "677946"), codesAt(back.accounts, 1234567890).map { it.text })
        (accounts + back.accounts).closeAll()
    }

    @Test
    fun s6_foreignClock() {
        val clock = FixedClock(59)
        one(RFC_SHA1).use { account ->
            CodeGenerator(clock).use { generator ->
                val codes = generator.codes(listOf(account))
                assertEquals(listOf("94287082"), codes.map { it.text })
                assertEquals(1uL, codes[0].remainingSeconds)
            }
        }
        assertEquals(1, clock.calls.get())

        val offline = object : Clock {
            override fun nowUnix(): Long = throw CallbackException.Failed("clock offline")
        }
        val e1 = CodeGenerator(offline).use { g ->
            assertThrows(InkanException.Internal::class.java) { g.codes(listOf()) }
        }
        assertTrue(e1.reason.contains("clock offline"), e1.reason)
        val buggy = object : Clock {
            override fun nowUnix(): Long = throw IllegalStateException("bug in the shell")
        }
        val e2 = CodeGenerator(buggy).use { g ->
            assertThrows(InkanException.Internal::class.java) { g.codes(listOf()) }
        }
        assertTrue(e2.reason.contains("clock"), e2.reason)
    }

    @Test
    fun s7_foreignKeyStore() {
        val calls = java.util.Collections.synchronizedList(mutableListOf<String>())
        val xor = object : KeyStore {
            override fun wrapKey(keyId: String, key: ByteArray): ByteArray {
                calls += "wrap $keyId"
                return ByteArray(key.size) { (key[it].toInt() xor 0x5a).toByte() }
            }
            override fun unwrapKey(keyId: String, wrapped: ByteArray): ByteArray {
                calls += "unwrap $keyId"
                return ByteArray(wrapped.size) { (wrapped[it].toInt() xor 0x5a).toByte() }
            }
            override fun deleteKey(keyId: String) {
                calls += "delete $keyId"
            }
        }
        val key = ByteArray(32) { it.toByte() }
        assertArrayEquals(key, keyStoreRoundTrip(xor, "vault-key-1", key))
        assertEquals(listOf("wrap vault-key-1", "unwrap vault-key-1", "delete vault-key-1"), calls.toList())

        val invalidated = object : KeyStore {
            override fun wrapKey(keyId: String, key: ByteArray): ByteArray = throw CallbackException.Unavailable("key invalidated")
            override fun unwrapKey(keyId: String, wrapped: ByteArray): ByteArray = throw CallbackException.Mismatch()
            override fun deleteKey(keyId: String) = Unit
        }
        val e = assertThrows(InkanException.KeystoreUnavailable::class.java) { failWithKeyStoreError(invalidated) }
        assertEquals("key invalidated", e.reason)
    }

    @Test
    fun s8_concurrentCodes() = runBlocking {
        val accounts = rfcAccounts()
        val clock = FixedClock(59)
        val want = RFC_ROWS[0].second
        CodeGenerator(clock).use { generator ->
            val jobs = (1..8).map {
                async(Dispatchers.Default) {
                    repeat(50) {
                        assertEquals(want, codesAt(accounts, 59).map { c -> c.text })
                        assertEquals(want, generator.codes(accounts).map { c -> c.text })
                    }
                }
            }
            jobs.awaitAll()
        }
        assertEquals(400, clock.calls.get())
        accounts.closeAll()
    }

    /** Milliseconds per call of [call] (mean and fastest) and the number of calls, after a
     *  warm-up for the JIT (up to 500 calls or 0.3 s): up to 200 calls or about one second,
     *  whichever comes first (debug builds decode slowly). The fastest call shows the cost
     *  when other jobs share the CPU. */
    private fun msPerCall(call: () -> Unit): Triple<Double, Double, Int> {
        val warm = System.nanoTime() + 300_000_000L
        repeat(500) { if (System.nanoTime() < warm) call() }
        var runs = 0
        var fastest = Long.MAX_VALUE
        val start = System.nanoTime()
        while (runs < 200 && System.nanoTime() - start < 1_000_000_000L) {
            fastest = minOf(fastest, measureNanoTime(call))
            runs++
        }
        return Triple((System.nanoTime() - start) / 1e6 / runs, fastest / 1e6, runs)
    }

    @Test
    fun s9_frameBuffer() {
        assertEquals(2_073_600uL, frameLen(ByteArray(1920 * 1080).toDirectBuffer()))
        val code = qrTestFrame(FRAME_TEXT, 0u)
        for ((w, h) in listOf(1280 to 720, 1920 to 1080)) {
            // A blank (grey) plane in a direct buffer, as the camera hands it over.
            val plane = ByteArray(w * h) { 0x80.toByte() }.toDirectBuffer()
            val (width, height) = w.toUInt() to h.toUInt()
            fun report(label: String, what: String, call: () -> Unit) {
                val (mean, fastest, runs) = msPerCall(call)
                println("$label: kotlin $what(${w}x$h Y plane) %.4f ms per call (mean of %d; fastest %.4f)".format(mean, runs, fastest))
            }
            // The hand-off alone: Rust borrows the plane and reads only its length.
            report("copy cost", "frameLen") { frameLen(plane) }
            QrScanner().use { scanner ->
                // The real entry point once the payload is out: hand-off, frame checks and the
                // core's packed copy of the plane, no decode.
                assertEquals(FRAME_TEXT, scanner.feedFrame(code.width, code.height, code.rowStride, code.yPlane.toDirectBuffer()).payload)
                assertEquals(ScanResult(null, emptyList()), scanner.feedFrame(width, height, width, plane))
                report("copy cost", "feedFrame after the payload") { scanner.feedFrame(width, height, width, plane) }
            }
            QrScanner().use { scanner ->
                // Hand-off plus the decode of a frame with no code in it.
                assertEquals(ScanResult(null, emptyList()), scanner.feedFrame(width, height, width, plane))
                report("scan cost", "feedFrame decoding") { scanner.feedFrame(width, height, width, plane) }
            }
        }
    }

    @Test
    fun s10_openLink() {
        val accounts = openLink(PAIR_LINK, NOW) as LinkRequest.Accounts
        assertEquals(1, accounts.accounts.size)
        assertTrue(accounts.skipped.isEmpty())
        assertEquals("auth.example.com", accounts.fromHost)
        assertEquals("a", accounts.accounts[0].use { it.info().name })

        val push = openLink(PUSH_LINK, NOW) as LinkRequest.Push
        val info = push.enrollment.use { it.info() }
        assertEquals("PIPU000058DF", info.serial)
        assertEquals("pi.example.com", info.serverHost)
        assertTrue(info.serverAskedNoVerify)
        assertEquals(NOW + 600, info.expiresAt)
        assertFalse(info.toString().contains("ee203e52"))

        for (refused in listOf("javascript:alert(1)", "https://auth.example.com/pair", "http://auth.example.com/.well-known/inkan/pair#x")) {
            assertThrows(InkanException.InvalidInput::class.java, { openLink(refused, NOW) }, refused)
        }
    }
}
