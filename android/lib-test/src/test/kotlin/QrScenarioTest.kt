// Scenarios S11–S12 of tests/scenarios.md (QR) in Kotlin. The dev image comes from
// $INKAN_SHARED (tests/bindings/kotlin.sh exports it); a missing image fails the test.

import dev.inkan.core.*
import java.io.File
import java.nio.ByteBuffer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

const val DEV_IMAGE = "qr/dev/synthetic/nominal/nominal-02.png"
const val DEV_IMAGE_PREFIX = "otpauth://totp/ACME Corp VPN:ivan?secret="
const val FRAME_TEXT = "otpauth://totp/ACME:frame?secret=JBSWY3DPEHPK3PXP&issuer=ACME"

/** The bytes in a direct buffer, as a camera delivers a plane: `feedFrame` and `decodeLuma`
 *  borrow it for the call (uniffi's zero-copy `&[u8]`, which refuses heap buffers). */
fun ByteArray.toDirectBuffer(): ByteBuffer = ByteBuffer.allocateDirect(size).put(this).rewind()

class QrScenarioTest {
    private fun devImage(): ByteArray {
        val shared = System.getenv("INKAN_SHARED") ?: error("INKAN_SHARED is not set")
        return File(shared, DEV_IMAGE).readBytes()
    }

    @Test
    fun s11_decodeDevImage() {
        val texts = decodeImage(devImage())
        assertEquals(1, texts.size)
        assertTrue(texts[0].startsWith(DEV_IMAGE_PREFIX))
        parseLink(texts[0]).accounts.forEach { it.use { a -> assertEquals("ivan", a.info().name) } }
        assertThrows(InkanException.InvalidInput::class.java) { decodeImage("not an image".toByteArray()) }
    }

    @Test
    fun s12_scannerWithPaddedRows() {
        val frame = qrTestFrame(FRAME_TEXT, 24u)
        assertEquals(frame.width + 24u, frame.rowStride)
        val plane = frame.yPlane.toDirectBuffer()
        QrScanner().use { scanner ->
            val first = scanner.feedFrame(frame.width, frame.height, frame.rowStride, plane)
            assertEquals(FRAME_TEXT, first.payload)
            assertTrue(first.otherCodes.isEmpty())
            assertTrue(scanner.isDone())
            assertNull(scanner.feedFrame(frame.width, frame.height, frame.rowStride, plane).payload)

            val other = qrTestFrame("https://apps.example/inkan", 0u)
            scanner.reset()
            val seen = scanner.feedFrame(other.width, other.height, other.rowStride, other.yPlane.toDirectBuffer())
            assertNull(seen.payload)
            assertEquals(listOf("https://apps.example/inkan"), seen.otherCodes)

            assertEquals(listOf(FRAME_TEXT), decodeLuma(frame.width, frame.height, frame.rowStride, plane))
            assertThrows(InkanException.Internal::class.java) {
                scanner.feedFrame(frame.width, frame.height, frame.width - 1u, plane)
            }
        }
    }
}
