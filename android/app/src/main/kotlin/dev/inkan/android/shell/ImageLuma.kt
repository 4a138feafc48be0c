// A still image for the QR scanner: ARGB pixels (android.graphics.Bitmap.getPixels, or
// java.awt's getRGB in the JVM tests) to the luma plane QrScanner.feedFrame takes.
package dev.inkan.android.shell

import java.nio.ByteBuffer

object ImageLuma {
    /** BT.601 luma, one byte per pixel, rows packed (row stride = [width]), in a direct
     *  buffer (the core borrows it for the call). Transparency is composited over white:
     *  a code saved as dark modules on a transparent background still reads. */
    fun fromArgb(pixels: IntArray, width: Int, height: Int): ByteBuffer {
        require(width > 0 && height > 0 && pixels.size >= width * height) { "pixels do not fill the image" }
        val out = ByteBuffer.allocateDirect(width * height)
        for (i in 0 until width * height) {
            val p = pixels[i]
            val a = p ushr 24
            val y = (77 * ((p shr 16) and 0xff) + 150 * ((p shr 8) and 0xff) + 29 * (p and 0xff)) shr 8
            out.put(i, ((y * a + 255 * (255 - a)) / 255).toByte())
        }
        return out
    }
}
