// The shell scenarios of tests/shell-scenarios.md (H1–H7, H12–H14): the Android shell's pure logic
// on the JVM, calling the real Rust library through JNA. No android.* class is on the
// runtime classpath, so a shell class that touched the framework would fail here.

import dev.inkan.android.shell.AccountList
import dev.inkan.android.shell.AddSummary
import dev.inkan.android.shell.Answering
import dev.inkan.android.shell.ApprovalState
import dev.inkan.android.shell.CodeFormat
import dev.inkan.android.shell.ConfirmItem
import dev.inkan.android.shell.Decision
import dev.inkan.android.shell.KeyStoreSlot
import dev.inkan.android.shell.LinkRouter
import dev.inkan.android.shell.NewPassword
import dev.inkan.android.shell.NotificationTexts
import dev.inkan.android.shell.NumberMode
import dev.inkan.android.shell.PresenceSigner
import dev.inkan.android.shell.PushInbox
import dev.inkan.android.shell.RecoveredVault
import dev.inkan.android.shell.Route
import dev.inkan.android.shell.VaultFile
import dev.inkan.android.shell.VaultStart
import dev.inkan.android.shell.displayReason
import dev.inkan.android.shell.ImageLuma
import dev.inkan.core.Authenticator
import dev.inkan.core.CallbackException
import dev.inkan.core.Clock
import dev.inkan.core.InkanException
import dev.inkan.core.KeyStore
import dev.inkan.core.PushChallenge
import dev.inkan.core.PushTokenInfo
import dev.inkan.core.QrScanner
import dev.inkan.core.SignPurpose
import java.io.File
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

/** A key store slot that refuses (a Keystore key invalidated or unavailable). */
class RefusingKeyStore : KeyStore {
    override fun wrapKey(keyId: String, key: ByteArray): ByteArray = throw CallbackException.Unavailable("no keystore")
    override fun unwrapKey(keyId: String, wrapped: ByteArray): ByteArray = throw CallbackException.Mismatch()
    override fun deleteKey(keyId: String) = Unit
}

/** A key store like the Android Keystore: one random key per key id, and a blob opens only
 *  with the key of its id; [invalidate] loses every key (a new biometric enrolment); the ids
 *  of deleted keys are recorded. */
class SlotKeyStore : KeyStore {
    private val keys = java.util.concurrent.ConcurrentHashMap<String, ByteArray>()
    val deleted = java.util.concurrent.CopyOnWriteArrayList<String>()
    val keyIds: Set<String> get() = keys.keys.toSet()
    fun invalidate() = keys.clear()
    private fun xor(data: ByteArray, pad: ByteArray) = ByteArray(data.size) { (data[it].toInt() xor pad[it % pad.size].toInt()).toByte() }
    override fun wrapKey(keyId: String, key: ByteArray): ByteArray =
        xor(key, keys.computeIfAbsent(keyId) { ByteArray(32).also(java.security.SecureRandom()::nextBytes) })
    override fun unwrapKey(keyId: String, wrapped: ByteArray): ByteArray =
        xor(wrapped, keys[keyId] ?: throw CallbackException.NotFound())
    override fun deleteKey(keyId: String) { deleted += keyId; keys.remove(keyId) }
}

/** A new vault in [dir] as the first start makes it: password, recovery code acknowledged. */
fun newVault(dir: File, keyStore: KeyStore, onCode: (String) -> Unit = {}): Authenticator =
    VaultFile.create(dir, "a long password", keyStore).let { onCode(it.recoveryCode); it.confirmSaved() }

fun challenge(nonce: String = "N1", options: List<String>? = listOf("17", "42", "93"), serial: String = "PIPU0001", host: String = "vpn.example.com") =
    PushChallenge(nonce, serial, "privacyIDEA", "Sign in to VPN?", options, 90L, host)

val VPN_TOKEN = PushTokenInfo("PIPU0001", "alice", "VPN", NOW, "vpn.example.com", "inkan-push-1")

fun route(link: String): Route = LinkRouter.route(link, NOW)
fun addRoute(link: String): Route.AddAccounts = assertInstanceOf(Route.AddAccounts::class.java, route(link))

class ShellTest {
    @Test
    fun aPickedImageScansThroughItsLuma() {
        // The system picker's image: ARGB pixels -> luma -> the same QrScanner as the camera.
        val png = File(System.getenv("INKAN_SHARED") ?: "/work/shared", "qr/dev/synthetic/nominal/nominal-02.png")
        val image = javax.imageio.ImageIO.read(png)
        val pixels = image.getRGB(0, 0, image.width, image.height, null, 0, image.width)
        val luma = ImageLuma.fromArgb(pixels, image.width, image.height)
        val payload = QrScanner().use { it.feedFrame(image.width.toUInt(), image.height.toUInt(), image.width.toUInt(), luma).payload }
        assertEquals(
            "otpauth://totp/ACME Corp VPN:ivan?secret=TKAHKO35GDJGNCWX7RHNBXG7375CMBAZBCCU4XJ3FPWDJZ7YMIOQ&digits=6&algorithm=SHA1&issuer=ACME Corp VPN&period=60",
            payload,
        )
        // Transparent counts as white, opaque black as black, pure green as BT.601 says.
        val three = ImageLuma.fromArgb(intArrayOf(0x00000000, 0xff000000.toInt(), 0xff00ff00.toInt()), 3, 1)
        assertEquals(listOf(255, 0, 149), (0 until 3).map { three.get(it).toInt() and 0xff })
    }

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
        AccountList(newVault(dir, keyStore), clock).use { list ->
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
        val reopened = assertInstanceOf(VaultStart.Open::class.java, VaultFile.start(dir, keyStore))
        AccountList(reopened.vault, CountingClock(59)).use { list ->
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
        AccountList(newVault(dir, MemoryKeyStore()) { recovery = it }, CountingClock(59)).use { list ->
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
        val text = NotificationTexts.signIn(listOf(challenge()), listOf(VPN_TOKEN))
        assertEquals("Sign-in request", text.title)
        assertTrue(text.body.contains("VPN: alice"), text.body)
        for (hidden in listOf("17", "42", "93", "Sign in to VPN?")) assertFalse(text.body.contains(hidden), text.body)
        assertEquals("Sign-in request", text.publicTitle)
        assertEquals("", text.publicBody)
        val two = NotificationTexts.signIn(listOf(challenge("N1"), challenge("N2", serial = "PIPU0002")), listOf(VPN_TOKEN))
        assertTrue(two.body.startsWith("2 sign-in requests") && two.body.contains("PIPU0002"), two.body)

        val inbox = PushInbox()
        inbox.update(listOf(challenge("N1"), challenge("N2")), muted = 1)
        assertTrue(inbox.mutedSeen)
        assertEquals("N2", inbox.find("N2")!!.nonce)
        inbox.remove("N1")
        assertEquals(listOf("N2"), inbox.challenges.map { it.nonce })
        inbox.acknowledgeMuted()
        inbox.update(emptyList(), muted = 0)
        assertFalse(inbox.mutedSeen)
        assertNull(inbox.find(null))
    }

    @Test
    fun h6_approval() {
        val choose = ApprovalState(challenge(), VPN_TOKEN)
        assertEquals(NumberMode.CHOOSE_ONE, choose.mode)
        assertEquals("VPN: alice", choose.account)
        assertEquals(listOf("17", "42", "93"), choose.choices)
        assertFalse(choose.canApprove)
        assertNull(choose.approve())
        choose.choose("55")
        assertFalse(choose.canApprove)
        choose.choose("42")
        val approve = choose.approve()
        assertEquals(Decision.Approve("42"), approve)
        assertTrue(ApprovalState.needsPresence(approve!!))
        assertNull(choose.approve(), "one decision per challenge")
        assertNull(choose.deny())

        val typeIn = ApprovalState(challenge(options = listOf("09", "84", "01")), null, typeIn = true)
        assertEquals(NumberMode.TYPE_IN, typeIn.mode)
        assertEquals(emptyList<String>(), typeIn.choices, "type-in shows no options")
        assertEquals("PIPU0001", typeIn.account)
        typeIn.type("0a9 7")
        assertEquals("09", typeIn.typed)
        assertEquals(Decision.Approve("09"), typeIn.approve())
        assertFalse(typeIn.lettersAllowed, "digit options: the number pad")

        // privacyIDEA can send letters: type-in keeps them, in the options' case.
        val letters = ApprovalState(challenge(options = listOf("A7", "K2", "Q9")), null, typeIn = true)
        assertTrue(letters.lettersAllowed)
        letters.type("k-2")
        assertEquals("K2", letters.typed)
        assertEquals(Decision.Approve("K2"), letters.approve())

        val plain = ApprovalState(challenge(options = null), VPN_TOKEN)
        assertEquals(NumberMode.NONE, plain.mode)
        assertTrue(plain.canApprove)
        assertEquals(Decision.Approve(null), plain.approve())
        val deny = ApprovalState(challenge(), VPN_TOKEN).deny()!!
        assertFalse(ApprovalState.needsPresence(deny))
        assertFalse(ApprovalState.needsPresence(ApprovalState(challenge(), VPN_TOKEN).report()!!))
        // The signer asks for presence for approvals only (SEC-P6).
        assertTrue(PresenceSigner.needsPresence(SignPurpose.APPROVE))
        assertFalse(PresenceSigner.needsPresence(SignPurpose.POLL))
        assertFalse(PresenceSigner.needsPresence(SignPurpose.DENY))

        // What the screen says after sending.
        assertEquals("Sign-in approved", Answering.outcome(approve, Result.success(true)).message)
        assertTrue(Answering.outcome(Decision.Report, Result.success(true)).message.contains("someone may know your password"))
        val expired = Answering.outcome(approve, Result.success(false))
        assertFalse(expired.success)
        assertTrue(expired.message.contains("expired"), expired.message)
        val blocked = Answering.outcome(approve, Result.failure(InkanException.ChallengeRejected("wrong number: the sign-in is blocked")))
        assertTrue(blocked.message.contains("wrong number"), blocked.message)
        val cancelled = Answering.outcome(approve, Result.failure(InkanException.Cancelled("the approval was not confirmed on this device")))
        assertTrue(cancelled.open && !cancelled.success, cancelled.message)
        assertFalse(blocked.open)
        val offline = Answering.outcome(Decision.Deny, Result.failure(InkanException.Network("timed out")))
        assertTrue(offline.message.contains("could not be reached") && offline.message.contains("timed out"), offline.message)
    }

    @Test
    fun h12_serverHostOnTheApprovalScreenOnly() {
        // The approval screen names the server pinned at pairing (the challenge record's host).
        assertEquals("Sign-in at vpn.example.com", ApprovalState(challenge(), VPN_TOKEN).signInAt)
        assertEquals("Sign-in at pi.example.com:8443", ApprovalState(challenge(host = "pi.example.com:8443"), null).signInAt)
        assertNull(ApprovalState(challenge(host = ""), VPN_TOKEN).signInAt, "a record without a host shows no line")
        // Neither notification version names it (SEC-P7).
        val one = NotificationTexts.signIn(listOf(challenge()), listOf(VPN_TOKEN))
        val two = NotificationTexts.signIn(listOf(challenge("N1"), challenge("N2", serial = "PIPU0002")), listOf(VPN_TOKEN))
        for (text in listOf(one, two)) {
            for (shown in listOf(text.title, text.body, text.publicTitle, text.publicBody)) {
                assertFalse(shown.contains("example.com"), shown)
            }
        }
    }

    @Test
    fun h7_firstStartPasswordAndRecoveryCode() {
        val dir = Files.createTempDirectory("inkan-start").toFile()
        val keyStore = MemoryKeyStore()
        assertEquals(VaultStart.Create, VaultFile.start(dir, keyStore))
        assertEquals("Use at least 8 characters", NewPassword.problem("short", "short"))
        assertEquals("The two passwords differ", NewPassword.problem("a long password", "a long passw0rd"))
        assertNull(NewPassword.problem("a long password", "a long password"))

        // Killed before "I saved my recovery code": the next start discards it and asks again.
        val abandoned = VaultFile.create(dir, "a long password", keyStore)
        assertTrue(abandoned.recoveryCode.isNotBlank())
        assertFalse(VaultFile.exists(dir), "no vault is used before the code is acknowledged")
        abandoned.close()
        assertEquals(VaultStart.Create, VaultFile.start(dir, keyStore))
        assertFalse(File(dir, VaultFile.PENDING).exists())

        val pending = VaultFile.create(dir, "a long password", keyStore)
        pending.confirmSaved().use { vault -> vault.addLink(RFC_SHA1, NOW) }
        assertTrue(VaultFile.exists(dir))
        // Later starts: the key store slot, no password.
        val open = assertInstanceOf(VaultStart.Open::class.java, VaultFile.start(dir, keyStore))
        open.vault.use { assertEquals(1, it.accounts().size) }
        // The slot fails: the password screen, which opens it.
        val refused = assertInstanceOf(VaultStart.NeedPassword::class.java, VaultFile.start(dir, RefusingKeyStore()))
        assertTrue(refused.reason.isNotBlank())
        org.junit.jupiter.api.Assertions.assertThrows(InkanException.WrongPassword::class.java) { VaultFile.openWithPassword(dir, "wrong password") }
        VaultFile.openWithPassword(dir, "a long password").use { assertEquals(1, it.accounts().size) }

        // No usable key store at creation: a password-only vault, opened by the password.
        val bare = Files.createTempDirectory("inkan-start").toFile()
        VaultFile.create(bare, "a long password", RefusingKeyStore()).confirmSaved().use { assertEquals(0, it.accounts().size) }
        assertInstanceOf(VaultStart.NeedPassword::class.java, VaultFile.start(bare, RefusingKeyStore()))
    }

    @Test
    fun h13_recoveryCodeThenNewPassword() {
        val dir = Files.createTempDirectory("inkan-recover").toFile()
        lateinit var recovery: String
        newVault(dir, SlotKeyStore()) { recovery = it }.use { it.addLink(RFC_SHA1, NOW) }
        // Later start: the key store slot fails (its key is gone), the password is forgotten.
        val keyStore = SlotKeyStore()
        assertInstanceOf(VaultStart.NeedPassword::class.java, VaultFile.start(dir, keyStore))

        val typo = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"
        val wrong = org.junit.jupiter.api.Assertions.assertThrows(InkanException.WrongPassword::class.java) {
            VaultFile.openWithRecoveryCode(dir, typo, keyStore)
        }
        assertEquals(RecoveredVault.WRONG_CODE, wrong.displayReason)
        assertTrue(wrong.displayReason.contains("Wrong recovery code"))
        assertFalse(wrong.displayReason.contains(typo))

        // Opened, then the process dies before a new password: nothing changed.
        VaultFile.openWithRecoveryCode(dir, recovery, keyStore).close()
        assertTrue(keyStore.keyIds.isEmpty(), "no key store slot before the new password")
        VaultFile.openWithPassword(dir, "a long password").close()

        // Typed in lower case without dashes (core normalizes); the new password's rules.
        VaultFile.openWithRecoveryCode(dir, recovery.replace("-", "").lowercase(), keyStore).use { recovered ->
            val short = org.junit.jupiter.api.Assertions.assertThrows(InkanException.InvalidInput::class.java) { recovered.setPassword("short", "short") }
            assertEquals("Use at least 8 characters", short.displayReason)
            val differ = org.junit.jupiter.api.Assertions.assertThrows(InkanException.InvalidInput::class.java) { recovered.setPassword("a new password", "a new passw0rd") }
            assertEquals("The two passwords differ", differ.displayReason)
            val unlocked = recovered.setPassword("a new password", "a new password")
            assertNull(unlocked.keyStoreNotice)
            unlocked.vault.use { assertEquals(1, it.accounts().size) }
        }
        org.junit.jupiter.api.Assertions.assertThrows(InkanException.WrongPassword::class.java) { VaultFile.openWithPassword(dir, "a long password") }
        VaultFile.openWithPassword(dir, "a new password").use { assertEquals(1, it.accounts().size) }
        VaultFile.openWithRecoveryCode(dir, recovery, SlotKeyStore()).close()
        // The new key store slot: the next start opens without a password.
        val open = assertInstanceOf(VaultStart.Open::class.java, VaultFile.start(dir, keyStore))
        open.vault.use { assertEquals(1, it.accounts().size) }
    }

    @Test
    fun h14_keyStoreSlotMadeAgainAfterPasswordOpen() {
        // A slot whose key was invalidated (a new biometric enrolment).
        val dir = Files.createTempDirectory("inkan-reslot").toFile()
        val keyStore = SlotKeyStore()
        newVault(dir, keyStore).use { it.addLink(RFC_SHA1, NOW) }
        val oldKeys = keyStore.keyIds
        assertEquals(1, oldKeys.size)
        keyStore.invalidate()
        assertInstanceOf(VaultStart.NeedPassword::class.java, VaultFile.start(dir, keyStore))
        org.junit.jupiter.api.Assertions.assertThrows(InkanException.WrongPassword::class.java) { VaultFile.unlock(dir, "wrong password", keyStore) }
        assertTrue(keyStore.keyIds.isEmpty(), "a wrong password makes no slot")
        val unlocked = VaultFile.unlock(dir, "a long password", keyStore)
        assertNull(unlocked.keyStoreNotice)
        unlocked.vault.use { assertEquals(1, it.accounts().size) }
        assertEquals(1, keyStore.keyIds.size)
        assertFalse(keyStore.keyIds.any { it in oldKeys }, "a new key")
        assertEquals(oldKeys.toList(), keyStore.deleted.toList(), "the old slot's key deleted")
        val open = assertInstanceOf(VaultStart.Open::class.java, VaultFile.start(dir, keyStore))
        open.vault.use { assertEquals(1, it.accounts().size) }

        // No slot at all (no usable key store at creation): the next one makes it.
        val bare = Files.createTempDirectory("inkan-reslot").toFile()
        VaultFile.create(bare, "a long password", RefusingKeyStore()).confirmSaved().close()
        assertInstanceOf(VaultStart.NeedPassword::class.java, VaultFile.start(bare, keyStore))
        VaultFile.unlock(bare, "a long password", keyStore).let { assertNull(it.keyStoreNotice); it.vault.close() }
        assertInstanceOf(VaultStart.Open::class.java, VaultFile.start(bare, keyStore)).vault.close()

        // The key store refuses again: the vault is open all the same, with a short notice,
        // and the next start asks for the password.
        val refused = VaultFile.unlock(bare, "a long password", RefusingKeyStore())
        refused.vault.use { assertEquals(0, it.accounts().size) }
        assertNotNull(refused.keyStoreNotice)
        val notice = refused.keyStoreNotice!!
        assertTrue(notice.contains("could not be set up again") && notice.contains("password"), notice)
        assertTrue(notice.startsWith(KeyStoreSlot.notice("").substringBefore("(")), notice)
        assertInstanceOf(VaultStart.NeedPassword::class.java, VaultFile.start(bare, RefusingKeyStore()))
        assertInstanceOf(VaultStart.Open::class.java, VaultFile.start(bare, keyStore)).vault.close()
    }
}
