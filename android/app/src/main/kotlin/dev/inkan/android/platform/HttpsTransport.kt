// The core's HttpTransport on HttpsURLConnection (java.net / javax.net.ssl only, so it also
// runs in the JVM tests). The contract is bindings/src/push_platform.rs: TLS always verified
// against the system roots plus the extra CA pinned at pairing (SEC-P3), redirects never
// followed (a 3xx is the answer), at most 256 KiB read, the Date header returned, any HTTP
// status is a response; no response at all is an exception (Rust: InkanError.Network).
package dev.inkan.android.platform

import dev.inkan.core.CallbackException
import dev.inkan.core.HttpMethod
import dev.inkan.core.HttpRequest
import dev.inkan.core.HttpResponse
import dev.inkan.core.HttpTransport
import java.io.ByteArrayOutputStream
import java.io.IOException
import java.io.InputStream
import java.net.HttpURLConnection
import java.net.Socket
import java.net.URL
import java.security.GeneralSecurityException
import java.security.KeyStore
import java.security.cert.CertificateException
import java.security.cert.CertificateFactory
import java.security.cert.X509Certificate
import javax.net.ssl.HttpsURLConnection
import javax.net.ssl.SSLContext
import javax.net.ssl.SSLEngine
import javax.net.ssl.SSLSocketFactory
import javax.net.ssl.TrustManagerFactory
import javax.net.ssl.X509ExtendedTrustManager

/** [systemTrust] is the platform's default trust store (null: the system roots); tests pass
 *  their own so that a throwaway CA stands in for the system roots. */
class HttpsTransport(
    private val systemTrust: KeyStore? = null,
    private val connectTimeoutMs: Int = 15_000,
    private val readTimeoutMs: Int = 20_000,
    /** The whole exchange, not just one read: a server trickling bytes (slow loris) is cut off. */
    private val totalTimeoutMs: Long = 60_000,
) : HttpTransport {
    override fun send(request: HttpRequest): HttpResponse {
        val url = URL(request.url)
        val connection = url.openConnection() as? HttpURLConnection
            ?: throw CallbackException.Failed("not an HTTP URL")
        when {
            connection is HttpsURLConnection -> connection.sslSocketFactory = socketFactory(request.extraCaPem)
            // Core refuses http: pairing servers except on loopback (SEC-L2, tests); so does this.
            !isLoopback(url.host) -> throw CallbackException.Failed("plain HTTP is refused")
        }
        try {
            connection.instanceFollowRedirects = false
            connection.useCaches = false
            connection.connectTimeout = connectTimeoutMs
            connection.readTimeout = readTimeoutMs
            connection.setRequestProperty("Accept", "application/json")
            if (request.method == HttpMethod.POST) {
                connection.requestMethod = "POST"
                connection.doOutput = true
                connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded")
                connection.setFixedLengthStreamingMode(request.body.size)
                connection.outputStream.use { it.write(request.body) }
            } else {
                connection.requestMethod = "GET"
            }
            val deadline = System.nanoTime() + totalTimeoutMs * 1_000_000
            val status = connection.responseCode
            if (status < 0) throw CallbackException.Failed("no valid HTTP response")
            // Error statuses carry their body on errorStream; either may be absent (204, HEAD-like).
            val stream = (if (status >= 400) connection.errorStream else runCatching { connection.inputStream }.getOrNull())
            val body = stream?.use { readCapped(it, deadline) } ?: ByteArray(0)
            return HttpResponse(status.toUShort(), connection.getHeaderField("Date"), body)
        } catch (e: CallbackException) {
            throw e
        } catch (e: IOException) {
            // The class only: messages can carry the URL with its signed query string.
            throw CallbackException.Failed("no response from the push server (${e.javaClass.simpleName})")
        } finally {
            connection.disconnect()
        }
    }

    private fun socketFactory(extraCaPem: String?): SSLSocketFactory = try {
        val trust = PinnedTrust(defaultTrustManager(systemTrust), extraCaPem?.let { defaultTrustManager(pemKeyStore(it)) })
        SSLContext.getInstance("TLS").apply { init(null, arrayOf(trust), null) }.socketFactory
    } catch (e: GeneralSecurityException) {
        throw CallbackException.Failed("TLS setup failed (${e.javaClass.simpleName})")
    } catch (e: IOException) {
        throw CallbackException.Failed("TLS setup failed (${e.javaClass.simpleName})")
    }

    companion object {
        /** core push MAX_BODY. One byte more is read, so that Rust reports "too large"
         *  instead of parsing a cut-off body. */
        const val MAX_BODY = 256 * 1024

        fun readCapped(input: InputStream, deadlineNanos: Long = Long.MAX_VALUE): ByteArray {
            val out = ByteArrayOutputStream()
            val buffer = ByteArray(8192)
            while (out.size() <= MAX_BODY) {
                if (System.nanoTime() - deadlineNanos > 0) throw IOException("response too slow")
                val n = input.read(buffer, 0, minOf(buffer.size, MAX_BODY + 1 - out.size()))
                if (n < 0) break
                out.write(buffer, 0, n)
            }
            return out.toByteArray()
        }

        fun isLoopback(host: String): Boolean =
            host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == "::1"

        /** Every certificate of a PEM text, as trust anchors. */
        fun pemKeyStore(pem: String): KeyStore {
            val certificates = CertificateFactory.getInstance("X.509").generateCertificates(pem.byteInputStream())
            if (certificates.isEmpty()) throw CertificateException("no certificate in the pinned PEM")
            return KeyStore.getInstance(KeyStore.getDefaultType()).apply {
                load(null, null)
                certificates.forEachIndexed { i, c -> setCertificateEntry("pinned-$i", c) }
            }
        }

        private fun defaultTrustManager(keyStore: KeyStore?): X509ExtendedTrustManager =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).run {
                init(keyStore)
                trustManagers.filterIsInstance<X509ExtendedTrustManager>().firstOrNull()
                    ?: throw CertificateException("no X.509 trust manager")
            }
    }
}

/** The system roots first (with the platform's own checks), then the CA pinned at pairing.
 *  Server certificates only: this app never presents a client certificate. Host names are
 *  checked by HttpsURLConnection's verifier after the handshake, whichever anchor matched. */
private class PinnedTrust(
    private val system: X509ExtendedTrustManager,
    private val pinned: X509ExtendedTrustManager?,
) : X509ExtendedTrustManager() {
    private inline fun check(block: (X509ExtendedTrustManager) -> Unit) {
        try {
            block(system)
        } catch (e: CertificateException) {
            val extra = pinned ?: throw e
            block(extra)
        }
    }

    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) = check { it.checkServerTrusted(chain, authType) }
    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String, socket: Socket?) = check { it.checkServerTrusted(chain, authType, socket) }
    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String, engine: SSLEngine?) = check { it.checkServerTrusted(chain, authType, engine) }

    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) = refuseClient()
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String, socket: Socket?) = refuseClient()
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String, engine: SSLEngine?) = refuseClient()

    private fun refuseClient(): Nothing = throw CertificateException("no client certificates")

    override fun getAcceptedIssuers(): Array<X509Certificate> = system.acceptedIssuers + (pinned?.acceptedIssuers ?: emptyArray())
}
