// App model scenarios A1–A6 of tests/scenarios.md in Kotlin: the seed's flows through
// AppModel, with a shell without a screen (runs each job at once, records the other
// effects) over Kotlin implementations of every platform trait. Each runs in English and
// Japanese; texts are compared with the catalogs (appText). The A1 camera frame is the dev
// image decoded here with javax.imageio into a luma plane with padded rows.

import dev.inkan.core.*
import java.awt.image.BufferedImage
import java.io.File
import java.nio.ByteBuffer
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.atomic.AtomicLong
import javax.imageio.ImageIO
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

const val APP_PASSWORD = "correct horse battery"
const val APP_START = 1_767_225_600L // 2026-01-01T00:00:00Z, the start of a 30 s period
val APP_LANGS = listOf("en-US", "ja-JP")

class TestClock(val now: AtomicLong = AtomicLong(APP_START)) : Clock {
    override fun nowUnix(): Long = now.get()
}

class TestMonotonic(val ms: AtomicLong = AtomicLong(0)) : MonotonicClock {
    override fun nowMs(): ULong = ms.get().toULong()
}

/** XOR with a fixed byte: enough to prove the vault key goes through the store. */
object XorKeyStore : KeyStore {
    override fun wrapKey(keyId: String, key: ByteArray) = ByteArray(key.size) { (key[it].toInt() xor 0x5a).toByte() }
    override fun unwrapKey(keyId: String, wrapped: ByteArray) = wrapKey(keyId, wrapped)
    override fun deleteKey(keyId: String) {}
}

/** The platform HTTP stack, answered by the app crate's simulated privacyIDEA server. */
class AppServerTransport(val server: AppPushServer) : HttpTransport {
    override fun send(request: HttpRequest): HttpResponse = server.handle(request)
}

class Shell(val dir: Path, lang: String, keyStore: Boolean = true, server: AppPushServer? = null) : AutoCloseable {
    val clock = TestClock()
    val monotonic = TestMonotonic()
    val effects = mutableListOf<Effect>()
    val model = AppModel.withTestKdf(
        dir.toString(), clock, monotonic, if (keyStore) XorKeyStore else null,
        server?.let { AppServerTransport(it) }, server?.let { JavaSigner() },
    )

    init { send(Event.Start(lang)) }

    fun send(event: Event) = perform(model.send(event))

    fun sendFrame(f: TestFrame) = perform(model.sendFrame(f.width, f.height, f.rowStride, f.yPlane.toDirectBuffer()))

    fun perform(list: List<Effect>) {
        for (e in list) when (e) {
            is Effect.Run -> perform(model.run(e.job))
            is Effect.Render -> model.view()
            else -> effects.add(e)
        }
    }

    fun takeEffects(): List<Effect> = effects.toList().also { effects.clear() }
    fun view() = model.view()
    fun accounts() = (view().screen as Screen.Accounts).v1

    fun advance(seconds: Long) {
        clock.now.addAndGet(seconds)
        monotonic.ms.addAndGet(seconds * 1000)
        send(Event.Tick)
    }

    fun createVault() {
        send(Event.CreateVault(APP_PASSWORD, APP_PASSWORD))
        assertTrue(view().screen is Screen.RecoveryCode)
        send(Event.RecoveryCodeSavedChecked(true))
        send(Event.AcknowledgeRecoveryCode)
    }

    fun addLink(link: String) {
        send(Event.LinkOpened(link))
        send(Event.ConfirmAdd)
    }

    // The model holds the vault's file lock until it is closed.
    override fun close() = model.close()
}

fun t(lang: String, key: String, count: Long? = null) = appText(lang, key, count)

fun freshDir(): Path = Files.createTempDirectory("inkan-app-kt")

/** A JPEG/PNG file as a camera hands over a frame: its luma plane, rows padded with black. */
fun lumaFrame(file: File, padding: Int): TestFrame {
    val image = ImageIO.read(file) ?: error("${file.path} unreadable")
    val gray = BufferedImage(image.width, image.height, BufferedImage.TYPE_BYTE_GRAY)
    gray.graphics.apply { drawImage(image, 0, 0, null); dispose() }
    val stride = image.width + padding
    val plane = ByteArray(stride * image.height)
    val raster = gray.raster
    for (y in 0 until image.height) for (x in 0 until image.width) plane[y * stride + x] = raster.getSample(x, y, 0).toByte()
    return TestFrame(image.width.toUInt(), image.height.toUInt(), stride.toUInt(), plane)
}

class AppModelScenarioTest {
    private fun shared() = System.getenv("INKAN_SHARED") ?: error("INKAN_SHARED is not set")

    private fun timedCode(s: Shell, row: Int) = (s.accounts().rows[row].code as CodeState.Timed).code

    @Test
    fun a1_scanCameraFrameConfirmCode() {
        val file = File(shared(), "qr/dev/synthetic/nominal/nominal-04.jpg")
        val frame = lumaFrame(file, 64)
        val expected = parseLink(decodeImage(file.readBytes())[0]).accounts.map { it.codeAt(APP_START).text }
        for (lang in APP_LANGS) Shell(freshDir(), lang).use { s ->
            s.createVault()
            s.send(Event.OpenScanner)
            assertTrue(s.takeEffects().contains(Effect.StartCamera))
            assertEquals(t(lang, "title-scan"), s.view().title)
            s.sendFrame(frame)
            assertTrue(s.takeEffects().contains(Effect.StopCamera), lang)
            val v = s.view()
            val confirm = (v.screen as Screen.Confirm).v1
            assertEquals(t(lang, "title-confirm"), v.title)
            assertEquals(t(lang, "confirm-question", 1), confirm.question)
            s.send(Event.ConfirmAdd)
            assertEquals(t(lang, "accounts-count", 1), s.accounts().count)
            assertEquals(expected[0], timedCode(s, 0).replace(" ", ""), lang)
        }
    }

    @Test
    fun a2_pushPairingLinkWhileLockedPairedAfterUnlock() {
        for (lang in APP_LANGS) AppPushServer().use { server -> Shell(freshDir(), lang, server = server).use { s ->
            s.createVault()
            s.send(Event.LockNow)
            s.send(Event.LinkOpened(appPushEnrollmentLink()))
            assertEquals(t(lang, "unlock-pending-link"), (s.view().screen as Screen.Unlock).v1.pendingLink)
            s.send(Event.UnlockWithPassword(APP_PASSWORD))
            assertEquals(t(lang, "confirm-push-question"), (s.view().screen as Screen.Confirm).v1.question)
            s.send(Event.ConfirmAdd)
            assertEquals(t(lang, "notice-paired"), s.view().notice, s.view().error?.code)
        } }
    }

    /** Pairs, opens a sign-in showing 84 among three numbers, types `typed`, approves. */
    private fun signInWith(lang: String, typed: String): Pair<String?, Boolean> = AppPushServer().use { server ->
        Shell(freshDir(), lang, server = server).use { s ->
            s.createVault()
            s.addLink(appPushEnrollmentLink())
            server.signIn("A3", "Sign in to the VPN", "27,84,61", "84")
            s.send(Event.PollPush)
            s.send(Event.OpenChallenge(s.accounts().signInRequests[0].nonce))
            assertTrue((s.view().screen as Screen.Approve).v1.number is NumberEntry.TypeIn, "type-in by default")
            s.send(Event.TypeNumber(typed))
            s.send(Event.Approve)
            Pair((s.view().screen as Screen.Approve).v1.outcome, server.isOpen("A3"))
        }
    }

    @Test
    fun a3_rightNumberApproves() {
        for (lang in APP_LANGS) {
            val (outcome, open) = signInWith(lang, "84")
            assertEquals(t(lang, "push-approved"), outcome)
            assertFalse(open)
        }
    }

    @Test
    fun a4_wrongNumberBlocks() {
        for (lang in APP_LANGS) {
            val (outcome, open) = signInWith(lang, "27")
            assertEquals(t(lang, "push-blocked"), outcome)
            assertFalse(open, "SEC-P5: closed after the one pick")
        }
    }

    private fun revealed(s: Shell) = (s.accounts().rows[0].code as CodeState.Revealed).code

    @Test
    fun a5_hotpRevealAdvancesCounterOnce() {
        val hotp = "otpauth://hotp/Bank:taro?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=5"
        for (lang in APP_LANGS) {
            val dir = freshDir()
            val id = Shell(dir, lang, keyStore = false).use { s ->
                s.createVault()
                s.addLink(hotp)
                val id = s.accounts().rows[0].id
                repeat(3) { s.send(Event.RevealHotp(id)) }
                assertEquals("254 676", revealed(s), lang) // RFC 4226 appendix D, counter 5
                s.advance(30)
                assertTrue(s.accounts().rows[0].code is CodeState.Hidden)
                s.send(Event.RevealHotp(id))
                assertEquals("287 922", revealed(s), "$lang: advanced once")
                id
            }
            // The counter was saved: a new process shows the next code.
            Shell(dir, lang, keyStore = false).use { s ->
                s.send(Event.UnlockWithPassword(APP_PASSWORD))
                s.send(Event.RevealHotp(id))
                assertEquals("162 583", revealed(s), "$lang: saved")
            }
        }
    }

    @Test
    fun a6_backupOnARestoreOnBSameCodes() {
        val links = listOf(
            "otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&issuer=GitHub",
            "otpauth://totp/%E6%A5%BD%E5%A4%A9:bob?secret=NHVXM3HVF2ZI5OO55MJ35Y3ACAV5JEAO&issuer=%E6%A5%BD%E5%A4%A9",
        )
        for (lang in APP_LANGS) Shell(freshDir(), lang).use { a -> Shell(freshDir(), lang).use { b ->
            a.createVault()
            links.forEach { a.addLink(it) }
            a.send(Event.OpenBackup)
            a.send(Event.ExportBackup("backup password", "backup password"))
            assertEquals(t(lang, "notice-backup-ready", 2), a.view().notice)
            val file = a.takeEffects().filterIsInstance<Effect.SaveFile>().single().bytes
            b.createVault()
            b.send(Event.OpenBackup)
            b.send(Event.RestoreBackup)
            assertTrue(b.takeEffects().contains(Effect.PickFile(FilePurpose.BACKUP)))
            b.send(Event.FilePicked(FilePurpose.BACKUP, file))
            b.send(Event.RestorePassword("backup password"))
            assertEquals(t(lang, "notice-restored", 2), b.view().notice)
            a.send(Event.Back)
            for (row in 0..1) assertEquals(timedCode(a, row), timedCode(b, row), "$lang row $row")
            assertEquals("楽天", b.accounts().rows[1].issuer)
        } }
    }

    @Test
    fun a7_appLockCountsOnMonotonicClock() {
        // No key store: a lock would otherwise be opened again at once by the keystore job.
        for (lang in APP_LANGS) Shell(freshDir(), lang, keyStore = false).use { s ->
            s.createVault()
            // The phone's clock moved by an hour, no time passed: still open.
            s.send(Event.Backgrounded)
            s.clock.now.addAndGet(3600)
            s.send(Event.Foregrounded)
            assertEquals(t(lang, "title-accounts"), s.view().title)
            // A minute and a second in the background (the default lock timeout): locked.
            s.send(Event.Backgrounded)
            s.monotonic.ms.addAndGet(61_000)
            s.send(Event.Foregrounded)
            assertEquals(t(lang, "title-unlock"), s.view().title, lang)
        }
    }

    @Test
    fun a8_failingAppClockFailsTheCall() {
        val offline = object : Clock { override fun nowUnix(): Long = throw CallbackException.Failed("clock offline") }
        AppModel.withTestKdf(freshDir().toString(), offline, TestMonotonic(), null, null, null).use { model ->
            val e = org.junit.jupiter.api.Assertions.assertThrows(InkanException.Internal::class.java) {
                model.send(Event.Start("en"))
            }
            assertTrue(e.reason.contains("clock offline"), e.reason)
            val r = org.junit.jupiter.api.Assertions.assertThrows(InkanException.Internal::class.java) {
                model.run(AppJob.CREATE_VAULT)
            }
            assertTrue(r.reason.contains("clock offline"), r.reason)
        }
    }
}
