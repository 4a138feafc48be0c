// The presence key of push approvals: EC P-256 in the Android Keystore, usable for one
// signature right after the user passed a strong biometric or the device credential,
// invalidated when biometrics are enrolled. Its signatures go nowhere: the Keystore releasing
// it proves the user confirmed this approval (BiometricPresence); the token key, which
// privacyIDEA also needs for background polls and so has no per-use authentication, signs
// the answer only after that (android/README.md, "Keys").
package dev.inkan.android.platform

import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import java.security.KeyPairGenerator
import java.security.PrivateKey
import java.security.Signature
import java.security.spec.ECGenParameterSpec

object ApprovalKey {
    private const val ALIAS = "inkan-push-approval"
    private const val PROVIDER = "AndroidKeyStore"

    /** An initialised Signature for BiometricPrompt.CryptoObject; signing works only inside
     *  the prompt's success callback. A key invalidated by a new enrolment is replaced (it
     *  holds no data and is registered nowhere; the new one needs the prompt just the same). */
    fun signature(): Signature = try {
        initialised(existing() ?: generate())
    } catch (e: KeyPermanentlyInvalidatedException) {
        keystore().deleteEntry(ALIAS)
        initialised(generate())
    }

    private fun keystore() = java.security.KeyStore.getInstance(PROVIDER).apply { load(null) }

    private fun existing(): PrivateKey? = keystore().getKey(ALIAS, null) as? PrivateKey

    private fun initialised(key: PrivateKey): Signature =
        Signature.getInstance("SHA256withECDSA").apply { initSign(key) }

    private fun generate(): PrivateKey {
        val spec = KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_SIGN)
            .setAlgorithmParameterSpec(ECGenParameterSpec("secp256r1"))
            .setDigests(KeyProperties.DIGEST_SHA256)
            .setUserAuthenticationRequired(true)
            .setInvalidatedByBiometricEnrollment(true)
            .apply {
                if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
                    // Timeout 0 = every use needs its own authentication (Android 11+).
                    setUserAuthenticationParameters(0, KeyProperties.AUTH_BIOMETRIC_STRONG or KeyProperties.AUTH_DEVICE_CREDENTIAL)
                } else {
                    // Android 9/10: -1 = per use, strong biometric only.
                    @Suppress("DEPRECATION")
                    setUserAuthenticationValidityDurationSeconds(-1)
                }
            }
            .build()
        return KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_EC, PROVIDER).run {
            initialize(spec)
            generateKeyPair().private
        }
    }
}
