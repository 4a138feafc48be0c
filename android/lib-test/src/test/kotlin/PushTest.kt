// Push scenarios S20–S26 of tests/scenarios.md: a Kotlin HttpTransport plays the server
// (bodies signed by the Rust PushTestServer), a Kotlin PushSigner holds java.security RSA
// keys by alias and verifies what Rust had it sign. The PushClient comes from an
// Authenticator on a vault in a temporary directory; both are closed before the vault is
// reopened (they hold its lock). PushClient's network calls are suspend functions (run here
// under runBlocking). PUSH_LINK and NOW come from ScenarioTest.kt.

import dev.inkan.core.*
import java.nio.file.Files
import java.security.KeyPair
import java.security.KeyPairGenerator
import java.security.Signature
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

const val PUSH_URL = "https://pi.example.com/ttype/push"
const val PUSH_SERIAL = "PIPU000058DF"
const val PUSH_ALIAS = "inkan-push-1"

fun formField(body: String, key: String): String? =
    body.split('&').firstOrNull { it.startsWith("$key=") }?.substringAfter('=')

class FakePushServer(val keys: PushTestServer) : HttpTransport {
    val challenges = mutableListOf<TestChallenge>()
    var correct: String? = null
    val posts = mutableListOf<String>()
    val polls = mutableListOf<String>()
    var fail: Exception? = null

    @Synchronized
    override fun send(request: HttpRequest): HttpResponse {
        fail?.let { throw it }
        if (request.method == HttpMethod.GET) {
            polls.add(request.url)
            return HttpResponse(200u, null, keys.pollResponse(challenges.toList()))
        }
        assertEquals(PUSH_URL, request.url)
        val body = String(request.body)
        posts.add(body)
        if (formField(body, "pubkey") != null) return HttpResponse(200u, null, keys.rolloutResponse())
        val nonce = formField(body, "nonce")
        val close = formField(body, "decline") != null || formField(body, "presence_answer") == correct
        val known = challenges.any { it.nonce == nonce }
        if (close) challenges.removeAll { it.nonce == nonce }
        return HttpResponse(200u, null, keys.answerResponse(known && close))
    }
}

class JavaSigner : PushSigner {
    private val pairs = mutableMapOf<String, KeyPair>()
    val signed = mutableListOf<Triple<String, ByteArray, ByteArray>>()
    val purposes = mutableListOf<SignPurpose>()
    var deny = false

    @Synchronized
    override fun publicKeyDer(keyAlias: String): ByteArray =
        pairs.getOrPut(keyAlias) {
            KeyPairGenerator.getInstance("RSA").apply { initialize(2048) }.generateKeyPair()
        }.public.encoded

    @Synchronized
    override fun sign(keyAlias: String, message: ByteArray, purpose: SignPurpose): ByteArray {
        // A phone prompts for approvals only (SEC-P6); `deny` plays the user cancelling.
        if (deny && purpose == SignPurpose.APPROVE) throw CallbackException.Denied("biometric prompt cancelled")
        val pair = pairs[keyAlias] ?: throw CallbackException.NotFound()
        val sig = Signature.getInstance("SHA256withRSA").apply { initSign(pair.private); update(message) }.sign()
        signed.add(Triple(keyAlias, message, sig))
        purposes.add(purpose)
        return sig
    }

    fun verify(keyAlias: String, message: ByteArray, sig: ByteArray): Boolean =
        Signature.getInstance("SHA256withRSA").apply { initVerify(pairs.getValue(keyAlias).public); update(message) }.verify(sig)
}

object PushClock : Clock {
    override fun nowUnix(): Long = NOW
}

fun challenge(nonce: String, options: String?, tampered: String? = null) =
    TestChallenge(nonce, "Sign in to VPN?", options, tampered)

class PushTest {
    companion object {
        // One server key for the suite (RSA key generation takes about a second).
        val keys: PushTestServer by lazy { PushTestServer(PUSH_URL, PUSH_SERIAL) }
    }

    private fun pushVaultPath(): String = Files.createTempDirectory("inkan-push").resolve("vault.inkan").toString()

    private fun enrollment(): PushEnrollment = (openLink(PUSH_LINK, NOW) as LinkRequest.Push).enrollment

    // S20: rollout from the open_link enrollment, on a new vault.
    private fun paired(block: suspend (PushClient, FakePushServer, JavaSigner) -> Unit): Unit = runBlocking {
        val server = FakePushServer(keys)
        val signer = JavaSigner()
        createVault(pushVaultPath(), "correct horse", null).authenticator.use { auth ->
            auth.pushClient(server, signer, PushClock).use { client ->
                val info = enrollment().use { client.rollout(it, PUSH_ALIAS) }
                assertEquals(PUSH_SERIAL, info.serial)
                assertEquals(NOW, info.pairedAt)
                assertEquals(1, server.posts.size)
                assertEquals(PUSH_SERIAL, formField(server.posts[0], "serial"))
                assertTrue(formField(server.posts[0], "pubkey") != null)
                server.posts.clear()
                block(client, server, signer)
            }
        }
    }

    @Test
    fun s20RolloutAndS21SignedChallengeReachesTheApp() = paired { client, server, signer ->
        server.challenges.add(challenge("N1", "09,84,01"))
        val poll = client.poll()
        assertEquals(listOf<String>(), poll.dropped)
        assertEquals(1, poll.challenges.size)
        val c = poll.challenges[0]
        assertEquals("N1", c.nonce)
        assertEquals(PUSH_SERIAL, c.serial)
        assertEquals("Sign in to VPN?", c.question)
        assertEquals("inkan test", c.title)
        assertEquals(listOf("09", "84", "01"), c.options)
        assertTrue(c.expiresIn in 1..120)
        assertEquals(PUSH_ALIAS, signer.signed[0].first)
        assertTrue(String(signer.signed[0].second).startsWith("$PUSH_SERIAL|2026-"))
        assertTrue(server.polls[0].contains("signature="))
    }

    @Test
    fun s22TamperedChallengeNeverReachesTheApp() = paired { client, server, _ ->
        server.challenges.add(challenge("N2", "09,84,01", "Sign in to payroll?"))
        val poll = client.poll()
        assertTrue(poll.challenges.isEmpty() && poll.muted.isEmpty())
        assertEquals(1, poll.dropped.size)
        assertTrue(poll.dropped[0].contains("signature"), poll.dropped[0])
        assertThrows(InkanException.ChallengeRejected::class.java) { runBlocking { client.answerNumber(PUSH_SERIAL, "N2", "84") } }
        assertTrue(server.posts.isEmpty())
    }

    @Test
    fun s23NumberNotOfferedIsRefusedLocallyAndARightOneIsSigned() = paired { client, server, signer ->
        server.challenges.add(challenge("N1", "09,84,01"))
        server.correct = "84"
        assertThrows(InkanException.ChallengeRejected::class.java) { runBlocking { client.answerNumber(PUSH_SERIAL, "N1", "99") } }
        assertTrue(server.posts.isEmpty())
        assertTrue(client.answerNumber(PUSH_SERIAL, "N1", "84"))
        assertEquals(1, server.posts.size)
        assertEquals("84", formField(server.posts[0], "presence_answer"))
        val (alias, message, sig) = signer.signed.last()
        assertEquals("N1|$PUSH_SERIAL|84", String(message))
        assertTrue(signer.verify(alias, message, sig))
    }

    @Test
    fun s24WrongNumberBlocksTheSignInWithADecline() = paired { client, server, signer ->
        server.challenges.add(challenge("N1", "09,84,01"))
        server.correct = "84"
        assertThrows(InkanException.ChallengeRejected::class.java) { runBlocking { client.answerNumber(PUSH_SERIAL, "N1", "09") } }
        assertEquals(2, server.posts.size)
        assertEquals("1", formField(server.posts[1], "decline"))
        // The pick was signed as an approval, the closing decline without a prompt (SEC-P6).
        assertEquals(listOf(SignPurpose.APPROVE, SignPurpose.DENY), signer.purposes.takeLast(2))
        assertTrue(client.poll().challenges.isEmpty())
        server.challenges.add(challenge("N3", null))
        assertTrue(client.deny(PUSH_SERIAL, "N3", DenyReason.NOT_ME))
    }

    @Test
    fun s25ForeignExceptionsBecomeErrors() = paired { client, server, signer ->
        server.fail = CallbackException.Failed("offline")
        val e1 = assertThrows(InkanException.Network::class.java) { runBlocking { client.poll() } }
        assertTrue(e1.reason.contains("offline"), e1.reason)
        server.fail = IllegalStateException("socket closed")
        assertThrows(InkanException.Network::class.java) { runBlocking { client.poll() } }
        server.fail = null
        // The user cancels the biometric prompt: polls and denials need none and still work;
        // the approval fails as Cancelled and nothing is sent.
        signer.deny = true
        server.challenges.add(challenge("N1", "09,84,01"))
        assertEquals(1, client.poll().challenges.size)
        val sent = server.posts.size
        val e3 = assertThrows(InkanException.Cancelled::class.java) {
            runBlocking { client.answerNumber(PUSH_SERIAL, "N1", "84") }
        }
        assertTrue(e3.reason.contains("not confirmed"), e3.reason)
        assertEquals(sent, server.posts.size)
        assertTrue(client.deny(PUSH_SERIAL, "N1", DenyReason.CANCELLED))
        assertEquals(SignPurpose.DENY, signer.purposes.last())
    }

    @Test
    fun s26PushTokenSurvivesReopeningTheVault(): Unit = runBlocking {
        val path = pushVaultPath()
        val server = FakePushServer(keys)
        val signer = JavaSigner()
        createVault(path, "correct horse", null).authenticator.use { auth ->
            auth.pushClient(server, signer, PushClock).use { client ->
                enrollment().use { client.rollout(it, PUSH_ALIAS) }
            }
        }
        Authenticator.openWithPassword(path, "correct horse").use { auth ->
            val tokens = auth.pushTokens()
            assertEquals(1, tokens.size)
            assertEquals(PUSH_SERIAL, tokens[0].serial)
            assertEquals(NOW, tokens[0].pairedAt)
            auth.pushClient(server, signer, PushClock).use { client ->
                server.challenges.add(challenge("N1", "09,84,01"))
                val poll = client.poll()
                assertEquals(1, poll.challenges.size, poll.dropped.toString())
                val (alias, message, _) = signer.signed.last()
                assertEquals(PUSH_ALIAS, alias)
                assertTrue(String(message).startsWith("$PUSH_SERIAL|"))
                assertThrows(InkanException.Duplicate::class.java) {
                    runBlocking { enrollment().use { client.rollout(it, "inkan-push-2") } }
                }
            }
        }
    }
}
