// Camera scan: camera2 with two targets, a TextureView (the viewfinder the user aims with)
// and an ImageReader in YUV_420_888 whose Y plane (luma), with its row stride, goes to the
// core QrScanner (`feedFrame`), which hands out the first enrollment payload once. That link
// goes to the confirmation screen. The camera is open only while the screen is resumed and
// the viewfinder's surface exists: onPause closes it (and the torch with it), onResume opens
// it again. A torch toggle appears when the camera has a flash. A QR code saved as an image
// comes through the system picker (ACTION_OPEN_DOCUMENT, no storage permission): its luma
// goes to the same scanner.
package dev.inkan.android.platform

import android.Manifest
import android.app.Activity
import android.content.Intent
import android.content.pm.PackageManager
import android.graphics.BitmapFactory
import android.graphics.ImageFormat
import android.graphics.SurfaceTexture
import android.hardware.camera2.CameraCaptureSession
import android.hardware.camera2.CameraCharacteristics
import android.hardware.camera2.CameraDevice
import android.hardware.camera2.CameraManager
import android.hardware.camera2.CaptureRequest
import android.hardware.camera2.params.OutputConfiguration
import android.hardware.camera2.params.SessionConfiguration
import android.media.Image
import android.media.ImageReader
import android.os.Bundle
import android.os.Handler
import android.os.HandlerThread
import android.view.Surface
import android.view.TextureView
import android.widget.Button
import android.widget.LinearLayout
import android.widget.ToggleButton
import dev.inkan.android.shell.ImageLuma
import dev.inkan.android.shell.LinkRouter
import dev.inkan.core.InkanException
import dev.inkan.core.QrScanner
import java.nio.Buffer
import java.nio.ByteBuffer
import java.util.concurrent.Executor

class ScanActivity : Activity() {
    /** The scan state: decodes frames off the UI thread, hands out one payload. */
    private val scanner = QrScanner()

    private val thread = HandlerThread("scan").apply { start() }
    private val handler = Handler(thread.looper)
    private val executor = Executor { handler.post(it) }
    private lateinit var viewfinder: TextureView
    private lateinit var torch: ToggleButton

    // Camera state: touched on the main thread only (camera callbacks hop back to it).
    private var camera: CameraDevice? = null
    private var session: CameraCaptureSession? = null
    private var reader: ImageReader? = null
    private var preview: Surface? = null
    /** The viewfinder's surface texture, from its listener (null until shown, after destroyed). */
    private var texture: SurfaceTexture? = null
    private var resumed = false
    private var opening = false
    @Volatile private var done = false

    /** True while a camera device is open (tests: closed on pause). */
    val cameraOpen: Boolean get() = camera != null || opening

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        secureWindow()
        viewfinder = TextureView(this).apply {
            // The viewfinder is not a control: the line above it says what to do with it.
            importantForAccessibility = android.view.View.IMPORTANT_FOR_ACCESSIBILITY_NO
            surfaceTextureListener = object : TextureView.SurfaceTextureListener {
                override fun onSurfaceTextureAvailable(surface: SurfaceTexture, width: Int, height: Int) {
                    texture = surface
                    openIfReady()
                }
                override fun onSurfaceTextureSizeChanged(surface: SurfaceTexture, width: Int, height: Int) = Unit
                override fun onSurfaceTextureDestroyed(surface: SurfaceTexture): Boolean {
                    texture = null
                    closeCamera()
                    return true
                }
                override fun onSurfaceTextureUpdated(surface: SurfaceTexture) = Unit
            }
        }
        torch = ToggleButton(this).apply {
            textOn = "\uD83D\uDD26" // flashlight symbol, no language
            textOff = "\uD83D\uDD26"
            isChecked = false
            isEnabled = false
            setOnCheckedChangeListener { _, _ -> applyTorch() }
        }
        setContentView(column().apply {
            text("Point the camera at a QR code")
            addView(viewfinder, LinearLayout.LayoutParams(LinearLayout.LayoutParams.MATCH_PARENT, dp(360)))
            addView(torch, LinearLayout.LayoutParams(dp(64), dp(48)))
            addView(Button(this@ScanActivity).apply {
                text = "\uD83D\uDDBC" // framed picture symbol, no language
                setOnClickListener { pickImage() }
            }, LinearLayout.LayoutParams(dp(64), dp(48)))
        })
        if (checkSelfPermission(Manifest.permission.CAMERA) != PackageManager.PERMISSION_GRANTED) {
            requestPermissions(arrayOf(Manifest.permission.CAMERA), 1)
        }
    }

    override fun onRequestPermissionsResult(requestCode: Int, permissions: Array<out String>, grantResults: IntArray) {
        if (grantResults.firstOrNull() == PackageManager.PERMISSION_GRANTED) openIfReady() else finish()
    }

    override fun onResume() {
        super.onResume()
        resumed = true
        openIfReady()
    }

    override fun onPause() {
        resumed = false
        closeCamera()
        super.onPause()
    }

    /** Opens the camera when the screen is resumed, the permission granted and the
     *  viewfinder's surface ready; whichever comes last calls it. */
    private fun openIfReady() {
        if (!resumed || opening || camera != null || done) return
        if (checkSelfPermission(Manifest.permission.CAMERA) != PackageManager.PERMISSION_GRANTED) return
        val texture = texture ?: return
        val manager = getSystemService(CameraManager::class.java)
        val id = manager.cameraIdList.firstOrNull {
            manager.getCameraCharacteristics(it).get(CameraCharacteristics.LENS_FACING) == CameraCharacteristics.LENS_FACING_BACK
        } ?: manager.cameraIdList.firstOrNull() ?: return finish()
        torch.isEnabled = manager.getCameraCharacteristics(id).get(CameraCharacteristics.FLASH_INFO_AVAILABLE) == true
        // 1280×720 is plenty for a QR code: 0.9 MB of luma per frame to decode instead of 2 MB.
        texture.setDefaultBufferSize(1280, 720)
        val preview = Surface(texture)
        val reader = ImageReader.newInstance(1280, 720, ImageFormat.YUV_420_888, 2)
        reader.setOnImageAvailableListener({ r -> r.acquireLatestImage()?.use { onFrame(it) } }, handler)
        this.preview = preview
        this.reader = reader
        opening = true
        try {
            manager.openCamera(id, mainExecutor, object : CameraDevice.StateCallback() {
                override fun onOpened(device: CameraDevice) {
                    opening = false
                    // Paused (or the surfaces closed) while the camera was opening: give it back.
                    if (!resumed || this@ScanActivity.reader !== reader) return device.close()
                    camera = device
                    startSession(device, preview, reader)
                }
                override fun onDisconnected(device: CameraDevice) = lost(device)
                override fun onError(device: CameraDevice, error: Int) = lost(device)
            })
        } catch (e: SecurityException) {
            opening = false
            finish()
        }
    }

    private fun lost(device: CameraDevice) {
        opening = false
        device.close()
        if (camera === device) closeCamera()
    }

    private fun startSession(device: CameraDevice, preview: Surface, reader: ImageReader) {
        val config = SessionConfiguration(
            SessionConfiguration.SESSION_REGULAR,
            listOf(OutputConfiguration(preview), OutputConfiguration(reader.surface)),
            mainExecutor,
            object : CameraCaptureSession.StateCallback() {
                override fun onConfigured(session: CameraCaptureSession) {
                    if (camera !== device) return session.close()
                    this@ScanActivity.session = session
                    applyTorch()
                }
                override fun onConfigureFailed(session: CameraCaptureSession) = finish()
            },
        )
        device.createCaptureSession(config)
    }

    /** (Re)starts the repeating request to both targets, with the torch as the toggle says. */
    private fun applyTorch() {
        val device = camera ?: return
        val session = session ?: return
        val preview = preview ?: return
        val reader = reader ?: return
        val request = device.createCaptureRequest(CameraDevice.TEMPLATE_PREVIEW).apply {
            addTarget(preview)
            addTarget(reader.surface)
            set(CaptureRequest.CONTROL_AF_MODE, CaptureRequest.CONTROL_AF_MODE_CONTINUOUS_PICTURE)
            set(CaptureRequest.FLASH_MODE, if (torch.isChecked) CaptureRequest.FLASH_MODE_TORCH else CaptureRequest.FLASH_MODE_OFF)
        }.build()
        session.setSingleRepeatingRequest(request, executor, object : CameraCaptureSession.CaptureCallback() {})
    }

    /** Closes the session, the device (which turns the torch off) and both targets. */
    private fun closeCamera() {
        session?.close()
        session = null
        camera?.close()
        camera = null
        reader?.close()
        reader = null
        preview?.release()
        preview = null
        if (::torch.isInitialized) torch.isChecked = false
    }

    private fun pickImage() {
        val pick = Intent(Intent.ACTION_OPEN_DOCUMENT).addCategory(Intent.CATEGORY_OPENABLE).setType("image/*")
        startActivityForResult(pick, PICK_IMAGE)
    }

    @Deprecated("Activity result API of the platform (androidx is not available)")
    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        val uri = data?.data
        if (requestCode != PICK_IMAGE || resultCode != RESULT_OK || uri == null) return
        handler.post { scanImage(uri) }
    }

    /** Decodes the picked image (scaled down to about 2000 px on its long side: plenty for
     *  a QR code, bounded memory) and feeds its luma to the scanner once. */
    private fun scanImage(uri: android.net.Uri) {
        val bitmap = try {
            val bounds = BitmapFactory.Options().apply { inJustDecodeBounds = true }
            contentResolver.openInputStream(uri)?.use { BitmapFactory.decodeStream(it, null, bounds) }
            var sample = 1
            while (maxOf(bounds.outWidth, bounds.outHeight) / sample > 2000) sample *= 2
            contentResolver.openInputStream(uri)?.use { BitmapFactory.decodeStream(it, null, BitmapFactory.Options().apply { inSampleSize = sample }) }
        } catch (e: java.io.IOException) {
            null
        } catch (e: SecurityException) {
            null
        } ?: return
        val pixels = IntArray(bitmap.width * bitmap.height)
        bitmap.getPixels(pixels, 0, bitmap.width, 0, 0, bitmap.width, bitmap.height)
        val result = try {
            scanner.feedFrame(bitmap.width.toUInt(), bitmap.height.toUInt(), bitmap.width.toUInt(), ImageLuma.fromArgb(pixels, bitmap.width, bitmap.height))
        } catch (e: InkanException) {
            return
        } finally {
            bitmap.recycle()
        }
        result.payload?.let { found(it) }
    }

    private fun onFrame(image: Image) {
        if (done) return
        val plane = image.planes[0]
        val luma = lumaPlane(image)
        val result = try {
            scanner.feedFrame(image.width.toUInt(), image.height.toUInt(), plane.rowStride.toUInt(), luma)
        } catch (e: InkanException) {
            return // a malformed frame: wait for the next one
        }
        found(result.payload ?: return)
    }

    /** The first payload, from the camera or a picked image: on to the confirmation screen. */
    private fun found(text: String) {
        if (done) return
        done = true
        runOnUiThread {
            app.pendingRoute = LinkRouter.route(text, System.currentTimeMillis() / 1000)
            startActivity(Intent(this, ConfirmActivity::class.java))
            finish()
        }
    }

    override fun onDestroy() {
        closeCamera()
        thread.quitSafely()
        scanner.close()
        super.onDestroy()
    }

    companion object {
        private const val PICK_IMAGE = 3

        /** The Y plane as the buffer holds it, row padding included (QrScanner skips it
         *  using the row stride), without a copy: the image's direct buffer, which the core
         *  borrows for the call (position to limit, so rewound; through `Buffer` because
         *  ByteBuffer's own rewind() is missing before Java 9). YUV_420_888 guarantees
         *  pixelStride 1 for Y. */
        fun lumaPlane(image: Image): ByteBuffer =
            image.planes[0].buffer.duplicate().also { (it as Buffer).rewind() }
    }
}
