// Scenarios S13–S16 of tests/scenarios.md (the vault: Authenticator) in Kotlin. Each
// Authenticator is closed before the vault is reopened: it holds the file's lock.

import dev.inkan.core.*
import java.nio.file.Files
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

const val RFC_SHA1_OTHER_SECRET = "otpauth://totp/RFC6238:sha1?secret=JBSWY3DPEHPK3PXP&digits=8&period=30&issuer=RFC6238"
const val HOTP = "otpauth://hotp/RFC4226:h?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0&issuer=RFC4226"

class XorVaultKeyStore : KeyStore {
    val calls: MutableList<String> = java.util.Collections.synchronizedList(mutableListOf())
    override fun wrapKey(keyId: String, key: ByteArray): ByteArray {
        calls += "wrap"
        return ByteArray(key.size) { (key[it].toInt() xor 0x5a).toByte() }
    }
    override fun unwrapKey(keyId: String, wrapped: ByteArray): ByteArray {
        calls += "unwrap"
        return ByteArray(wrapped.size) { (wrapped[it].toInt() xor 0x5a).toByte() }
    }
    override fun deleteKey(keyId: String) {
        calls += "delete"
    }
}

class VaultScenarioTest {
    private fun vaultPath(): String = Files.createTempDirectory("inkan-vault").resolve("vault.inkan").toString()

    @Test
    fun s13_vaultCodesHotpAndReopen() {
        val path = vaultPath()
        val created = createVault(path, "correct horse", null)
        assertFalse(created.recoveryCode.isEmpty())
        val hotp = created.authenticator.use { auth ->
            assertEquals(AddStatus.ADDED, auth.addLink(RFC_SHA1, NOW)[0].status)
            val id = auth.addLink(HOTP, NOW)[0].id
            val codes = auth.codesAt(59)
            assertEquals("94287082", codes[0].code?.text)
            assertEquals(1uL, codes[0].code?.remainingSeconds)
            assertNull(codes[1].code)
            assertEquals("755224", auth.nextHotpCode(id, NOW).text)
            id
        }
        Authenticator.openWithPassword(path, "correct horse").use { auth ->
            assertEquals(2, auth.accounts().size)
            assertEquals("287082", auth.nextHotpCode(hotp, NOW).text)
        }
        assertThrows(InkanException.WrongPassword::class.java) { Authenticator.openWithPassword(path, "wrong") }
        // Forgotten password: the recovery code opens the vault; a wrong code does not.
        Authenticator.openWithRecoveryCode(path, created.recoveryCode).use { auth ->
            assertEquals(2, auth.accounts().size)
        }
        assertThrows(InkanException.WrongPassword::class.java) { Authenticator.openWithRecoveryCode(path, "AAAA-BBBB") }
    }

    @Test
    fun s14_duplicatesRenameRemove() {
        createVault(vaultPath(), "pw", null).authenticator.use { auth ->
            val first = auth.addLink(RFC_SHA1, NOW)[0]
            val again = auth.addLink(RFC_SHA1, NOW)[0]
            assertEquals(AddStatus.EXISTING, again.status)
            assertEquals(first.id, again.id)
            val other = auth.addLink(RFC_SHA1_OTHER_SECRET, NOW)[0]
            assertEquals(AddStatus.DUPLICATE_KEPT, other.status)
            assertEquals(2, auth.accounts().size)
            auth.rename(other.id, "Work", "me")
            assertEquals("Work (me)", auth.accounts()[1].info.label)
            auth.remove(first.id)
            assertEquals(1, auth.accounts().size)
            auth.changePassword("new")
            assertThrows(InkanException.InvalidInput::class.java) { auth.remove("not-an-id") }
        }
    }

    @Test
    fun s15_openWithForeignKeyStore() {
        val path = vaultPath()
        val store = XorVaultKeyStore()
        createVault(path, "pw", store).authenticator.use { it.addLink(RFC_SHA1, NOW) }
        Authenticator.openWithKeyStore(path, store).use { auth ->
            assertEquals("94287082", auth.codesAt(59)[0].code?.text)
        }
        assertEquals(listOf("wrap", "unwrap"), store.calls.toList())
        val refusing = object : KeyStore {
            override fun wrapKey(keyId: String, key: ByteArray): ByteArray = throw CallbackException.NotFound()
            override fun unwrapKey(keyId: String, wrapped: ByteArray): ByteArray =
                throw CallbackException.Denied("user cancelled")
            override fun deleteKey(keyId: String) = Unit
        }
        val e = assertThrows(InkanException.KeystoreUnavailable::class.java) {
            Authenticator.openWithKeyStore(path, refusing)
        }
        assertTrue(e.reason.contains("user cancelled"), e.reason)
        // Re-enable the key store after a password open: a new slot, the old key deleted.
        Authenticator.openWithPassword(path, "pw").use { it.useKeyStore(store) }
        Authenticator.openWithKeyStore(path, store).use { assertEquals(1, it.accounts().size) }
        assertEquals(listOf("wrap", "unwrap", "wrap", "delete", "unwrap"), store.calls.toList())
    }

    @Test
    fun s16_concurrentCodesOnOneVault() = runBlocking {
        createVault(vaultPath(), "pw", null).authenticator.use { auth ->
            auth.addLink(RFC_SHA1, NOW)
            (1..8).map {
                async(Dispatchers.Default) {
                    repeat(20) { assertEquals("94287082", auth.codesAt(59)[0].code?.text) }
                }
            }.awaitAll()
        }
        Unit
    }
}
