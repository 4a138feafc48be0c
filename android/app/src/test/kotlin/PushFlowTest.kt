// H9 of tests/shell-scenarios.md: a full approval through the real Rust PushClient with the
// shell's own pieces — PresenceSigner (approvals pass the presence step, polls and denials
// do not) over software token keys (the Rust TestTokenKey, `testing` feature), ApprovalState
// and Answering — while a Kotlin HttpTransport plays privacyIDEA with bodies signed by the
// Rust PushTestServer. Asserts what the server sees: the answer and a signature that
// verifies with the token's public key. H11: removing a paired token (shell PushTokens)
// deletes the key of the alias the vault returns, and the vault forgets the token.

import dev.inkan.android.shell.Answering
import dev.inkan.android.shell.ApprovalState
import dev.inkan.android.shell.Decision
import dev.inkan.android.shell.NumberMode
import dev.inkan.android.shell.Presence
import dev.inkan.android.shell.PresenceSigner
import dev.inkan.android.shell.PushInbox
import dev.inkan.android.shell.PushTokens
import dev.inkan.android.shell.TokenRow
import dev.inkan.android.shell.TokenKeys
import dev.inkan.core.Authenticator
import dev.inkan.core.CallbackException
import dev.inkan.core.Clock
import dev.inkan.core.HttpMethod
import dev.inkan.core.HttpRequest
import dev.inkan.core.HttpResponse
import dev.inkan.core.HttpTransport
import dev.inkan.core.LinkRequest
import dev.inkan.core.PushClient
import dev.inkan.core.PushTestServer
import dev.inkan.core.TestChallenge
import dev.inkan.core.TestTokenKey
import dev.inkan.core.createVault
import dev.inkan.core.openLink
import java.net.URLDecoder
import java.nio.file.Files
import java.time.ZoneOffset
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

const val PUSH_URL = "https://pi.example.com/ttype/push"
const val PUSH_SERIAL = "PIPU000058DF"

fun formField(body: String, key: String): String? =
    body.split('&').firstOrNull { it.startsWith("$key=") }?.substringAfter('=')?.let { URLDecoder.decode(it, "UTF-8") }

/** RFC 4648 base32 (upper case, padded): how privacyIDEA carries signatures. */
fun base32Decode(text: String): ByteArray {
    val alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    var buffer = 0
    var bits = 0
    val out = java.io.ByteArrayOutputStream()
    for (c in text.trimEnd('=')) {
        buffer = (buffer shl 5) or alphabet.indexOf(c).also { require(it >= 0) { "not base32" } }
        bits += 5
        if (bits >= 8) {
            bits -= 8
            out.write((buffer shr bits) and 0xff)
        }
    }
    return out.toByteArray()
}

/** privacyIDEA for one token: challenges signed by the Rust PushTestServer; an answer
 *  closes the challenge when it is a decline or the right number. */
class PlayedServer(private val keys: PushTestServer) : HttpTransport {
    val challenges = CopyOnWriteArrayList<TestChallenge>()
    val posts = CopyOnWriteArrayList<String>()
    var correct: String? = null

    @Synchronized
    override fun send(request: HttpRequest): HttpResponse {
        assertTrue(request.url.startsWith(PUSH_URL), "only the URL pinned at pairing")
        if (request.method == HttpMethod.GET) return HttpResponse(200u, null, keys.pollResponse(challenges.toList()))
        val body = String(request.body)
        posts.add(body)
        if (formField(body, "pubkey") != null) return HttpResponse(200u, "Fri, 27 Nov 2026 12:00:00 GMT", keys.rolloutResponse())
        val nonce = formField(body, "nonce")
        val close = formField(body, "decline") != null || (correct != null && formField(body, "presence_answer") == correct) ||
            (correct == null && formField(body, "presence_answer") == null)
        val known = challenges.any { it.nonce == nonce }
        if (close) challenges.removeIf { it.nonce == nonce }
        return HttpResponse(200u, null, keys.answerResponse(known && close))
    }
}

/** The token keys in software: one Rust TestTokenKey per alias; records deletions. */
class SoftwareTokenKeys : TokenKeys {
    val keys = java.util.concurrent.ConcurrentHashMap<String, TestTokenKey>()
    val deleted = CopyOnWriteArrayList<String>()
    override fun publicKeyDer(alias: String): ByteArray = keys.getOrPut(alias) { TestTokenKey() }.publicKeyDer()
    override fun sign(alias: String, message: ByteArray): ByteArray =
        (keys[alias] ?: throw CallbackException.NotFound()).sign(message)
    override fun delete(alias: String) {
        deleted.add(alias)
        keys.remove(alias)?.close()
    }
}

/** The presence step: records what it was asked to confirm; [cancel] plays "Cancel". */
class StubPresence : Presence {
    val confirmed = CopyOnWriteArrayList<String>()
    var cancel = false
    override fun confirm(message: ByteArray) {
        if (cancel) throw CallbackException.Denied("the approval was not confirmed")
        confirmed.add(String(message))
    }
}

object FixedClock : Clock {
    override fun nowUnix(): Long = NOW
}

class PushFlowTest {
    companion object {
        val serverKeys: PushTestServer by lazy { PushTestServer(PUSH_URL, PUSH_SERIAL) }
    }

    private class Paired(val vault: Authenticator, val client: PushClient, val server: PlayedServer, val keys: SoftwareTokenKeys, val presence: StubPresence, val alias: String)

    private fun paired(block: suspend Paired.() -> Unit) = runBlocking {
        val server = PlayedServer(serverKeys)
        val keys = SoftwareTokenKeys()
        val presence = StubPresence()
        val path = Files.createTempDirectory("inkan-push").resolve("inkan.vault").toString()
        createVault(path, "correct horse", MemoryKeyStore()).authenticator.use { vault ->
            vault.pushClient(server, PresenceSigner(keys, presence), FixedClock).use { client ->
                val enrollment = (openLink(PUSH_LINK, NOW) as LinkRequest.Push).enrollment
                val token = enrollment.use { client.rollout(it, "inkan-push-test") }
                assertEquals(PUSH_SERIAL, token.serial)
                assertEquals(listOf(PUSH_SERIAL), vault.pushTokens().map { it.serial })
                assertTrue(presence.confirmed.isEmpty(), "rollout needs no presence")
                server.posts.clear()
                Paired(vault, client, server, keys, presence, "inkan-push-test").block()
            }
        }
    }

    /** The signature the server received for [nonce], checked against the token key. */
    private fun Paired.serverVerifies(post: String, message: String): Boolean =
        keys.keys.getValue(alias).verify(message.toByteArray(), base32Decode(formField(post, "signature")!!))

    @Test
    fun h9_approveWithNumberThroughPushClient() = paired {
        server.challenges.add(TestChallenge("N1", "Sign in to VPN?", "09,84,01", null))
        server.correct = "84"
        val poll = client.poll()
        assertTrue(presence.confirmed.isEmpty(), "a poll needs no presence")
        val state = ApprovalState(poll.challenges.single(), vault.pushTokens().single())
        // The host of the URL pinned at pairing (PUSH_LINK), for the approval screen.
        assertEquals("Sign-in at pi.example.com", state.signInAt)
        assertEquals(NumberMode.CHOOSE_ONE, state.mode)
        assertEquals(listOf("09", "84", "01"), state.choices)
        assertEquals("privacyIDEA", state.account.substringBefore(":"))
        assertFalse(state.canApprove)
        state.choose("84")
        val decision = state.approve()!!
        assertEquals(Decision.Approve("84"), decision)
        val outcome = Answering.outcome(decision, runCatching { Answering.send(client, state.challenge, decision) })
        assertTrue(outcome.success, outcome.message)
        // Presence confirmed exactly the answer the token key then signed, nothing else.
        assertEquals(listOf("N1|$PUSH_SERIAL|84"), presence.confirmed.toList())
        val post = server.posts.single()
        assertEquals("84", formField(post, "presence_answer"))
        assertTrue(serverVerifies(post, "N1|$PUSH_SERIAL|84"), "the server verifies the signature")
        assertTrue(server.challenges.isEmpty(), "the server recorded the answer")
        assertTrue(client.poll().challenges.isEmpty())
    }

    @Test
    fun h9_wrongNumberBlocksAndIsShownAsSuch() = paired {
        server.challenges.add(TestChallenge("N1", "Sign in to VPN?", "09,84,01", null))
        server.correct = "84"
        val state = ApprovalState(client.poll().challenges.single(), null)
        state.choose("09")
        val decision = state.approve()!!
        val outcome = Answering.outcome(decision, runCatching { Answering.send(client, state.challenge, decision) })
        assertFalse(outcome.success)
        assertTrue(outcome.message.contains("wrong number"), outcome.message)
        // The refused pick is followed by a decline: no second guess.
        assertEquals("1", formField(server.posts.last(), "decline"))
        assertTrue(client.poll().challenges.isEmpty())
    }

    @Test
    fun h9_denyAndReportNeedNoPresenceAndCancelSendsNoApproval() = paired {
        server.challenges.add(TestChallenge("N2", "Sign in to VPN?", null, null))
        server.challenges.add(TestChallenge("N3", "Sign in to VPN?", null, null))
        server.challenges.add(TestChallenge("N4", "Sign in to VPN?", null, null))
        val open = client.poll().challenges.associateBy { it.nonce }

        val deny = ApprovalState(open.getValue("N2"), null)
        assertEquals(NumberMode.NONE, deny.mode)
        val d = deny.deny()!!
        assertTrue(Answering.outcome(d, runCatching { Answering.send(client, deny.challenge, d) }).success)
        assertEquals(null, deny.deny(), "one decision per screen")
        val report = ApprovalState(open.getValue("N3"), null).let { s -> s.report()!!.let { r -> r to s } }
        val reported = Answering.outcome(report.first, runCatching { Answering.send(client, report.second.challenge, report.first) })
        assertTrue(reported.success && reported.message.contains("password"), reported.message)
        assertTrue(presence.confirmed.isEmpty(), "deny needs no presence (SEC-P6)")
        assertEquals(2, server.posts.size)
        assertTrue(server.posts.all { formField(it, "decline") == "1" })
        assertTrue(serverVerifies(server.posts[0], "N2|$PUSH_SERIAL|decline|${formField(server.posts[0], "decline_reason")}") ||
            serverVerifies(server.posts[0], "N2|$PUSH_SERIAL|decline"))

        presence.cancel = true
        val approve = ApprovalState(open.getValue("N4"), null)
        val a = approve.approve()!!
        val cancelled = Answering.outcome(a, runCatching { Answering.send(client, approve.challenge, a) })
        assertFalse(cancelled.success)
        assertTrue(cancelled.open && cancelled.message.contains("cancelled"), cancelled.message)
        assertEquals(2, server.posts.size, "nothing was sent for the cancelled approval")
        // The challenge stayed open: the user tries again and confirms this time.
        approve.retry()
        presence.cancel = false
        val again = approve.approve()!!
        assertTrue(Answering.outcome(again, runCatching { Answering.send(client, approve.challenge, again) }).success)
        assertEquals(listOf("N4|$PUSH_SERIAL"), presence.confirmed.toList())
        assertTrue(serverVerifies(server.posts.last(), "N4|$PUSH_SERIAL"))
    }

    @Test
    fun h11_removingATokenDeletesItsKeyAndTheVaultForgetsIt() {
        val path = Files.createTempDirectory("inkan-push").resolve("inkan.vault").toString()
        val keyStore = MemoryKeyStore()
        val keys = SoftwareTokenKeys()
        val server = PlayedServer(serverKeys)
        val inbox = PushInbox()
        runBlocking {
            createVault(path, "correct horse", keyStore).authenticator.use { vault ->
                vault.pushClient(server, PresenceSigner(keys, StubPresence()), FixedClock).use { client ->
                    (openLink(PUSH_LINK, NOW) as LinkRequest.Push).enrollment.use { client.rollout(it, "inkan-push-test") }
                    server.challenges.add(TestChallenge("N1", "Sign in to VPN?", null, null))
                    inbox.update(client.poll().challenges, muted = 0)
                    assertEquals(1, inbox.challenges.size)

                    val tokens = PushTokens(vault, keys, inbox, ZoneOffset.UTC)
                    val row = tokens.rows().single()
                    assertEquals(TokenRow(PUSH_SERIAL, "privacyIDEA: $PUSH_SERIAL", "pi.example.com", "paired 2026-11-27"), row)
                    val question = tokens.question(row)
                    assertEquals("Remove privacyIDEA: $PUSH_SERIAL?", question.title)
                    for (part in listOf("pi.example.com", "not told", "revoke", PUSH_SERIAL)) {
                        assertTrue(question.message.contains(part), question.message)
                    }
                    assertTrue(keys.deleted.isEmpty(), "asking deletes nothing")

                    val removal = tokens.remove(PUSH_SERIAL)
                    assertTrue(removal.removed, removal.message)
                    // The key of the alias the vault returned, and only that one.
                    assertEquals(listOf("inkan-push-test"), keys.deleted.toList())
                    for (part in listOf("Removed", "not told", "revoke", "pi.example.com")) {
                        assertTrue(removal.message.contains(part), removal.message)
                    }
                    assertTrue(inbox.challenges.isEmpty(), "its open request left the inbox")
                    assertTrue(vault.pushTokens().isEmpty())
                    assertTrue(tokens.rows().isEmpty())
                    // The client, still open, no longer polls it (its key is gone).
                    assertTrue(client.poll().challenges.isEmpty())

                    val again = tokens.remove(PUSH_SERIAL)
                    assertFalse(again.removed)
                    assertTrue(again.message.startsWith("Not removed"), again.message)
                    assertEquals(1, keys.deleted.size, "no key deleted for an unknown serial")
                }
            }
        }
        Authenticator.openWithKeyStore(path, keyStore).use { vault ->
            assertTrue(vault.pushTokens().isEmpty(), "still gone after reopening the vault")
        }
    }

    @Test
    fun h11_aKeyThatCannotBeDeletedDoesNotKeepTheToken() = paired {
        val refusing = object : TokenKeys by keys {
            override fun delete(alias: String) = throw CallbackException.Failed("Android Keystore: KeyStoreException")
        }
        val removal = PushTokens(vault, refusing, PushInbox()).remove(PUSH_SERIAL)
        assertTrue(removal.removed, removal.message)
        assertTrue(removal.message.contains("could not be deleted") && removal.message.contains("revoke"), removal.message)
        assertFalse(removal.message.contains("KeyStoreException"), "the variant only, not its reason")
        assertTrue(vault.pushTokens().isEmpty())
    }

    @Test
    fun h9_tokenSurvivesReopeningTheVault() {
        val dir = Files.createTempDirectory("inkan-push")
        val path = dir.resolve("inkan.vault").toString()
        val keyStore = MemoryKeyStore()
        val keys = SoftwareTokenKeys()
        val server = PlayedServer(serverKeys)
        runBlocking {
            createVault(path, "correct horse", keyStore).authenticator.use { vault ->
                vault.pushClient(server, PresenceSigner(keys, StubPresence()), FixedClock).use { client ->
                    (openLink(PUSH_LINK, NOW) as LinkRequest.Push).enrollment.use { client.rollout(it, "a1") }
                }
            }
        }
        Authenticator.openWithKeyStore(path, keyStore).use { vault ->
            assertNotNull(vault.pushTokens().singleOrNull { it.serial == PUSH_SERIAL })
        }
    }
}
