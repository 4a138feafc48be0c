// The push approval signing key: EC P-256 in the Android Keystore, usable only right after
// a strong biometric (or device credential) check, invalidated when biometrics change.
package dev.inkan.android.platform

import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import java.security.KeyPairGenerator
import java.security.PrivateKey
import java.security.Signature
import java.security.spec.ECGenParameterSpec

object ApprovalKey {
    private const val ALIAS = "inkan-push-approval"
    private const val PROVIDER = "AndroidKeyStore"

    /** An initialised Signature for BiometricPrompt.CryptoObject; signing works only inside
     *  the prompt's success callback. */
    fun signature(): Signature {
        val ks = java.security.KeyStore.getInstance(PROVIDER).apply { load(null) }
        val key = (ks.getKey(ALIAS, null) as? PrivateKey) ?: generate()
        return Signature.getInstance("SHA256withECDSA").apply { initSign(key) }
    }

    private fun generate(): PrivateKey {
        val spec = KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_SIGN)
            .setAlgorithmParameterSpec(ECGenParameterSpec("secp256r1"))
            .setDigests(KeyProperties.DIGEST_SHA256)
            .setUserAuthenticationRequired(true)
            // Every use needs a fresh strong biometric: timeout 0 = per operation (Android 11+).
            .setUserAuthenticationParameters(0, KeyProperties.AUTH_BIOMETRIC_STRONG)
            .setInvalidatedByBiometricEnrollment(true)
            .build()
        return KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_EC, PROVIDER).run {
            initialize(spec)
            generateKeyPair().private
        }
    }
}
