// Camera scan: camera2 + ImageReader in YUV_420_888; the Y plane (luma) of each frame goes,
// with its row stride, to the core QrScanner (`feedFrame`), which hands out the first
// enrollment payload once. That link goes to the confirmation screen.
package dev.inkan.android.platform

import android.Manifest
import android.app.Activity
import android.content.Intent
import android.content.pm.PackageManager
import android.graphics.ImageFormat
import android.hardware.camera2.CameraCaptureSession
import android.hardware.camera2.CameraCharacteristics
import android.hardware.camera2.CameraDevice
import android.hardware.camera2.CameraManager
import android.hardware.camera2.params.OutputConfiguration
import android.hardware.camera2.params.SessionConfiguration
import android.media.Image
import android.media.ImageReader
import android.os.Bundle
import android.os.Handler
import android.os.HandlerThread
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
    private var camera: CameraDevice? = null
    private var reader: ImageReader? = null
    @Volatile private var done = false

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        secureWindow()
        setContentView(column().apply { text("Point the camera at a QR code") })
        if (checkSelfPermission(Manifest.permission.CAMERA) != PackageManager.PERMISSION_GRANTED) {
            requestPermissions(arrayOf(Manifest.permission.CAMERA), 1)
        } else {
            open()
        }
    }

    override fun onRequestPermissionsResult(requestCode: Int, permissions: Array<out String>, grantResults: IntArray) {
        if (grantResults.firstOrNull() == PackageManager.PERMISSION_GRANTED) open() else finish()
    }

    private fun open() {
        val manager = getSystemService(CameraManager::class.java)
        val id = manager.cameraIdList.firstOrNull {
            manager.getCameraCharacteristics(it).get(CameraCharacteristics.LENS_FACING) == CameraCharacteristics.LENS_FACING_BACK
        } ?: manager.cameraIdList.firstOrNull() ?: return finish()
        // 1280×720 is plenty for a QR code: 0.9 MB of luma per frame to decode instead of 2 MB.
        val reader = ImageReader.newInstance(1280, 720, ImageFormat.YUV_420_888, 2)
        this.reader = reader
        reader.setOnImageAvailableListener({ r -> r.acquireLatestImage()?.use { onFrame(it) } }, handler)
        try {
            manager.openCamera(id, executor, object : CameraDevice.StateCallback() {
                override fun onOpened(device: CameraDevice) {
                    camera = device
                    startSession(device, reader)
                }
                override fun onDisconnected(device: CameraDevice) = device.close()
                override fun onError(device: CameraDevice, error: Int) = device.close()
            })
        } catch (e: SecurityException) {
            finish()
        }
    }

    private fun startSession(device: CameraDevice, reader: ImageReader) {
        val request = device.createCaptureRequest(CameraDevice.TEMPLATE_PREVIEW).apply { addTarget(reader.surface) }.build()
        val config = SessionConfiguration(
            SessionConfiguration.SESSION_REGULAR,
            listOf(OutputConfiguration(reader.surface)),
            executor,
            object : CameraCaptureSession.StateCallback() {
                override fun onConfigured(session: CameraCaptureSession) {
                    session.setSingleRepeatingRequest(request, executor, object : CameraCaptureSession.CaptureCallback() {})
                }
                override fun onConfigureFailed(session: CameraCaptureSession) = finish()
            },
        )
        device.createCaptureSession(config)
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
        val text = result.payload ?: return
        done = true
        runOnUiThread {
            app.pendingRoute = LinkRouter.route(text, System.currentTimeMillis() / 1000)
            startActivity(Intent(this, ConfirmActivity::class.java))
            finish()
        }
    }

    override fun onDestroy() {
        camera?.close()
        reader?.close()
        thread.quitSafely()
        scanner.close()
        super.onDestroy()
    }

    companion object {
        /** The Y plane as the buffer holds it, row padding included (QrScanner skips it
         *  using the row stride), without a copy: the image's direct buffer, which the core
         *  borrows for the call (position to limit, so rewound; through `Buffer` because
         *  ByteBuffer's own rewind() is missing before Java 9). YUV_420_888 guarantees
         *  pixelStride 1 for Y. */
        fun lumaPlane(image: Image): ByteBuffer =
            image.planes[0].buffer.duplicate().also { (it as Buffer).rewind() }
    }
}
