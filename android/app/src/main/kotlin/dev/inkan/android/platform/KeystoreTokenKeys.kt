// The push token keys in the Android Keystore: one RSA-4096 key per token (PKCS#1 v1.5
// SHA-256, what privacyIDEA verifies; its reference app uses 4096 bits too), usable only
// while the device is unlocked, without per-use authentication: the same key signs
// background polls and denials, which must not prompt. Approvals pass the presence step
// first (shell PresenceSigner, BiometricPresence; android/README.md, "Keys").
package dev.inkan.android.platform

import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import android.security.keystore.UserNotAuthenticatedException
import dev.inkan.android.shell.TokenKeys
import dev.inkan.core.CallbackException
import java.security.GeneralSecurityException
import java.security.KeyPairGenerator
import java.security.PrivateKey
import java.security.PublicKey
import java.security.Signature

class KeystoreTokenKeys : TokenKeys {
    private fun keystore() = java.security.KeyStore.getInstance(PROVIDER).apply { load(null) }

    override fun publicKeyDer(alias: String): ByteArray = guarded {
        (keystore().getCertificate(alias)?.publicKey ?: generate(alias)).encoded
    }

    override fun sign(alias: String, message: ByteArray): ByteArray = guarded {
        val key = keystore().getKey(alias, null) as? PrivateKey ?: throw CallbackException.NotFound()
        Signature.getInstance("SHA256withRSA").run {
            initSign(key)
            update(message)
            sign()
        }
    }

    override fun delete(alias: String) = guarded {
        val ks = keystore()
        if (ks.containsAlias(alias)) ks.deleteEntry(alias)
    }

    private fun generate(alias: String): PublicKey {
        val spec = KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_SIGN)
            .setKeySize(KEY_BITS)
            .setDigests(KeyProperties.DIGEST_SHA256)
            .setSignaturePaddings(KeyProperties.SIGNATURE_PADDING_RSA_PKCS1)
            // Not usable on a locked phone (Android 9+): a poll job that runs while the
            // device is locked fails and the next one, after unlock, catches up.
            .setUnlockedDeviceRequired(true)
            .build()
        // 4096-bit generation takes seconds on some secure hardware: rollout runs it on
        // Rust's worker thread, never on the main thread.
        return KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_RSA, PROVIDER).run {
            initialize(spec)
            generateKeyPair().public
        }
    }

    // Keystore failures become declared CallbackException variants; reasons name the class
    // only (messages may carry the alias or key metadata).
    private inline fun <T> guarded(block: () -> T): T = try {
        block()
    } catch (e: CallbackException) {
        throw e
    } catch (e: KeyPermanentlyInvalidatedException) {
        throw CallbackException.Mismatch()
    } catch (e: UserNotAuthenticatedException) {
        throw CallbackException.Unavailable("the device must be unlocked")
    } catch (e: GeneralSecurityException) {
        throw CallbackException.Failed("Android Keystore: ${e.javaClass.simpleName}")
    } catch (e: java.io.IOException) {
        throw CallbackException.Unavailable("Android Keystore: ${e.javaClass.simpleName}")
    }

    companion object {
        private const val PROVIDER = "AndroidKeyStore"
        const val KEY_BITS = 4096

        /** A fresh alias for a new token's key (one key per token, never reused). */
        fun newAlias(): String = "inkan-push-" + java.util.UUID.randomUUID()
    }
}
