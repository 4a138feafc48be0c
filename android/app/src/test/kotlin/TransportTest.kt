// HttpsTransport against a local HTTPS server (com.sun.net.httpserver on 127.0.0.1) with
// throwaway certificates made by the JDK's keytool in the test (H8 of
// tests/shell-scenarios.md): the pinned extra CA is needed and enough, a certificate for
// another name is refused even when pinned, redirects are returned and not followed, the
// body is cut after 256 KiB + 1 byte, a trickling server is cut off, the Date header and
// error statuses come back.

import com.sun.net.httpserver.HttpsConfigurator
import com.sun.net.httpserver.HttpsServer
import dev.inkan.android.platform.HttpsTransport
import dev.inkan.core.CallbackException
import dev.inkan.core.HttpMethod
import dev.inkan.core.HttpRequest
import java.io.File
import java.net.InetSocketAddress
import java.nio.file.Files
import java.security.KeyStore
import java.util.concurrent.CopyOnWriteArrayList
import javax.net.ssl.KeyManagerFactory
import javax.net.ssl.SSLContext
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance

/** A self-signed certificate for [san] made by keytool: the PKCS#12 file and its PEM. */
class TestCertificate(dir: File, name: String, san: String) {
    val p12 = File(dir, "$name.p12")
    val pem: String

    init {
        keytool("-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "server", "-dname", "CN=inkan test",
            "-ext", "SAN=$san", "-validity", "2", "-keystore", p12.path, "-storetype", "PKCS12", "-storepass", PASS)
        pem = keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", p12.path, "-storepass", PASS)
    }

    fun sslContext(): SSLContext {
        val ks = KeyStore.getInstance("PKCS12").apply { p12.inputStream().use { load(it, PASS.toCharArray()) } }
        val kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm()).apply { init(ks, PASS.toCharArray()) }
        return SSLContext.getInstance("TLS").apply { init(kmf.keyManagers, null, null) }
    }

    companion object {
        const val PASS = "throwaway"

        fun keytool(vararg args: String): String {
            val bin = File(System.getProperty("java.home"), "bin/keytool").path
            val process = ProcessBuilder(bin, *args).redirectErrorStream(true).start()
            val out = process.inputStream.bufferedReader().readText()
            check(process.waitFor() == 0) { "keytool failed: $out" }
            return out
        }
    }
}

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransportTest {
    private val dir = Files.createTempDirectory("inkan-tls").toFile()
    private val good = TestCertificate(dir, "good", "ip:127.0.0.1,dns:localhost")
    private val otherName = TestCertificate(dir, "other", "dns:other.example")
    private val hits = CopyOnWriteArrayList<String>()
    private val posted = CopyOnWriteArrayList<String>()
    private lateinit var server: HttpsServer
    private lateinit var wrongNameServer: HttpsServer

    private fun start(certificate: TestCertificate): HttpsServer =
        HttpsServer.create(InetSocketAddress("127.0.0.1", 0), 0).apply {
            httpsConfigurator = HttpsConfigurator(certificate.sslContext())
            createContext("/") { exchange ->
                hits.add(exchange.requestURI.path)
                val (status, body) = when (exchange.requestURI.path) {
                    "/ok" -> 200 to "{\"ok\":true}".toByteArray()
                    "/redirect" -> {
                        exchange.responseHeaders.add("Location", "https://127.0.0.1:${address.port}/ok")
                        302 to ByteArray(0)
                    }
                    "/big" -> 200 to ByteArray(1024 * 1024) { 'x'.code.toByte() }
                    "/post" -> {
                        posted.add(String(exchange.requestBody.readBytes()) + " " + exchange.requestHeaders.getFirst("Content-Type"))
                        200 to "posted".toByteArray()
                    }
                    "/slow" -> {
                        // Slow loris: a byte every 100 ms, never finishing in time.
                        exchange.sendResponseHeaders(200, 0)
                        runCatching { exchange.responseBody.use { out -> repeat(100) { out.write('x'.code); out.flush(); Thread.sleep(100) } } }
                        return@createContext
                    }
                    else -> 500 to "server error page".toByteArray()
                }
                exchange.sendResponseHeaders(status, if (body.isEmpty()) -1 else body.size.toLong())
                exchange.responseBody.use { it.write(body) }
            }
            start()
        }

    @BeforeAll
    fun startServers() {
        server = start(good)
        wrongNameServer = start(otherName)
    }

    @AfterAll
    fun stopServers() {
        server.stop(0)
        wrongNameServer.stop(0)
        dir.deleteRecursively()
    }

    private fun url(path: String, s: HttpsServer = server) = "https://127.0.0.1:${s.address.port}$path"
    private fun get(path: String, pem: String? = good.pem, s: HttpsServer = server) =
        HttpsTransport().send(HttpRequest(HttpMethod.GET, url(path, s), ByteArray(0), pem))

    @Test
    fun h8_pinnedCaIsNeededAndEnough() {
        // The JDK's own roots (standing in for the system roots) do not know the throwaway CA.
        assertThrows(CallbackException.Failed::class.java) { get("/ok", pem = null) }
        val response = get("/ok")
        assertEquals(200.toUShort(), response.status)
        assertEquals("{\"ok\":true}", String(response.body))
        assertNotNull(response.date, "the Date header is returned")
    }

    @Test
    fun h8_certificateForAnotherNameIsRefusedEvenWhenPinned() {
        val e = assertThrows(CallbackException.Failed::class.java) { get("/ok", pem = otherName.pem, s = wrongNameServer) }
        assertTrue(!e.reason.contains("127.0.0.1"), e.reason)
    }

    @Test
    fun h8_redirectIsReturnedNotFollowed() {
        hits.clear()
        val response = get("/redirect")
        assertEquals(302.toUShort(), response.status)
        assertEquals(listOf("/redirect"), hits.toList())
    }

    @Test
    fun h8_bodyIsCutAfterTheCap() {
        val response = get("/big")
        assertEquals(200.toUShort(), response.status)
        assertEquals(HttpsTransport.MAX_BODY + 1, response.body.size)
    }

    @Test
    fun h8_errorStatusIsAResponseAndPostSendsAForm() {
        val error = get("/missing")
        assertEquals(500.toUShort(), error.status)
        assertArrayEquals("server error page".toByteArray(), error.body)
        val post = HttpsTransport().send(HttpRequest(HttpMethod.POST, url("/post"), "nonce=N1&decline=1".toByteArray(), good.pem))
        assertEquals(200.toUShort(), post.status)
        assertEquals(listOf("nonce=N1&decline=1 application/x-www-form-urlencoded"), posted.toList())
    }

    @Test
    fun h8_slowServerIsCutOffByTheTotalDeadline() {
        assertThrows(CallbackException.Failed::class.java) {
            HttpsTransport(totalTimeoutMs = 700).send(HttpRequest(HttpMethod.GET, url("/slow"), ByteArray(0), good.pem))
        }
    }

    @Test
    fun h8_plainHttpOnlyOnLoopbackAndNoResponseThrows() {
        assertThrows(CallbackException.Failed::class.java) {
            HttpsTransport().send(HttpRequest(HttpMethod.GET, "http://pi.example.com/ttype/push", ByteArray(0), null))
        }
        // Nothing listens on port 1: no response is an exception, not a status.
        assertThrows(CallbackException.Failed::class.java) {
            HttpsTransport(connectTimeoutMs = 2000).send(HttpRequest(HttpMethod.GET, "https://127.0.0.1:1/ok", ByteArray(0), null))
        }
    }
}
