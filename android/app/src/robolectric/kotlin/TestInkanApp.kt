// The app under Robolectric: Robolectric has no AndroidKeyStore provider and no
// BiometricPrompt, so the vault's key store slot is a test one (XOR "wrapping", or the one a
// test sets) and the push transport, signer and token keys are whatever the test sets (a
// played server, software token keys with a presence stub); everything else is the real
// InkanApp.
// (In a package: Robolectric cannot load an application class from the default package.)
package dev.inkan.android.robolectric

import dev.inkan.android.platform.InkanApp
import dev.inkan.android.shell.TokenKeys
import dev.inkan.core.CallbackException
import dev.inkan.core.Clock
import dev.inkan.core.HttpRequest
import dev.inkan.core.HttpResponse
import dev.inkan.core.HttpTransport
import dev.inkan.core.KeyStore
import dev.inkan.core.PushSigner
import dev.inkan.core.SignPurpose

class TestInkanApp : InkanApp() {
    override fun keyStore(): KeyStore = keyStore ?: object : KeyStore {
        override fun wrapKey(keyId: String, key: ByteArray) = ByteArray(key.size) { (key[it].toInt() xor 0x5a).toByte() }
        override fun unwrapKey(keyId: String, wrapped: ByteArray) = ByteArray(wrapped.size) { (wrapped[it].toInt() xor 0x5a).toByte() }
        override fun deleteKey(keyId: String) = Unit
    }

    override fun transport(): HttpTransport = transport ?: object : HttpTransport {
        override fun send(request: HttpRequest): HttpResponse = throw CallbackException.Failed("no network in this test")
    }

    override fun pushSigner(): PushSigner = signer ?: object : PushSigner {
        override fun publicKeyDer(keyAlias: String): ByteArray = throw CallbackException.Unavailable("no keys in this test")
        override fun sign(keyAlias: String, message: ByteArray, purpose: SignPurpose): ByteArray =
            throw CallbackException.Unavailable("no keys in this test")
    }

    override fun clock(): Clock = clock ?: super.clock()

    override fun tokenKeys(): TokenKeys = tokenKeys ?: object : TokenKeys {
        override fun publicKeyDer(alias: String): ByteArray = throw CallbackException.Unavailable("no keys in this test")
        override fun sign(alias: String, message: ByteArray): ByteArray = throw CallbackException.Unavailable("no keys in this test")
        override fun delete(alias: String) = throw CallbackException.Unavailable("no keys in this test")
    }

    companion object {
        /** The vault's key store slot, when a test sets one (a later start whose slot fails). */
        @Volatile var keyStore: KeyStore? = null
        /** Set by a test before the vault is opened (the push client is made then). */
        @Volatile var clock: Clock? = null
        @Volatile var transport: HttpTransport? = null
        @Volatile var signer: PushSigner? = null
        /** The keys the app deletes a removed token's key from (set with [signer]). */
        @Volatile var tokenKeys: TokenKeys? = null
    }
}
