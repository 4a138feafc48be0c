// The core's KeyStore on Android: one AES-256-GCM key per vault key id inside the Android
// Keystore wraps the vault's data key. The AES key never leaves secure hardware; Rust does
// all vault cryptography.
package dev.inkan.android.platform

import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import android.security.keystore.UserNotAuthenticatedException
import dev.inkan.core.CallbackException
import dev.inkan.core.KeyStore
import java.security.GeneralSecurityException
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

class AndroidKeyStoreAdapter : KeyStore {
    private fun keystore() = java.security.KeyStore.getInstance(PROVIDER).apply { load(null) }

    private fun alias(keyId: String) = "inkan-$keyId"

    private fun key(keyId: String, create: Boolean): SecretKey {
        (keystore().getKey(alias(keyId), null) as? SecretKey)?.let { return it }
        if (!create) throw CallbackException.NotFound()
        val spec = KeyGenParameterSpec.Builder(alias(keyId), KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setKeySize(256)
            // Usable only while the device is unlocked (Android 9+).
            .setUnlockedDeviceRequired(true)
            .build()
        return KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER).run {
            init(spec)
            generateKey()
        }
    }

    override fun wrapKey(keyId: String, key: ByteArray): ByteArray = guarded {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, key(keyId, create = true))
        cipher.iv + cipher.doFinal(key)
    }

    override fun unwrapKey(keyId: String, wrapped: ByteArray): ByteArray = guarded {
        if (wrapped.size <= IV_BYTES) throw CallbackException.Mismatch()
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, key(keyId, create = false), GCMParameterSpec(128, wrapped, 0, IV_BYTES))
        cipher.doFinal(wrapped, IV_BYTES, wrapped.size - IV_BYTES)
    }

    override fun deleteKey(keyId: String) = guarded {
        val ks = keystore()
        if (ks.containsAlias(alias(keyId))) ks.deleteEntry(alias(keyId))
    }

    // Keystore failures become the declared CallbackException variants, with reasons that
    // name the class only: exception messages may carry key metadata.
    private inline fun <T> guarded(block: () -> T): T = try {
        block()
    } catch (e: KeyPermanentlyInvalidatedException) {
        throw CallbackException.Mismatch()
    } catch (e: AEADBadTagException) {
        throw CallbackException.Mismatch()
    } catch (e: UserNotAuthenticatedException) {
        throw CallbackException.Denied("the device must be unlocked")
    } catch (e: GeneralSecurityException) {
        throw CallbackException.Failed("Android Keystore: ${e.javaClass.simpleName}")
    } catch (e: java.io.IOException) {
        throw CallbackException.Unavailable("Android Keystore: ${e.javaClass.simpleName}")
    }

    private companion object {
        const val PROVIDER = "AndroidKeyStore"
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val IV_BYTES = 12
    }
}
