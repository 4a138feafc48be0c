// The app under Robolectric: Robolectric has no AndroidKeyStore provider, so the vault's key
// store slot is a test one (XOR "wrapping"); everything else is the real InkanApp.
// (In a package: Robolectric cannot load an application class from the default package.)
package dev.inkan.android.robolectric

import dev.inkan.android.platform.InkanApp
import dev.inkan.core.KeyStore

class TestInkanApp : InkanApp() {
    override fun keyStore(): KeyStore = object : KeyStore {
        override fun wrapKey(keyId: String, key: ByteArray) = ByteArray(key.size) { (key[it].toInt() xor 0x5a).toByte() }
        override fun unwrapKey(keyId: String, wrapped: ByteArray) = ByteArray(wrapped.size) { (wrapped[it].toInt() xor 0x5a).toByte() }
        override fun deleteKey(keyId: String) = Unit
    }
}
