// Camera scan: camera2 + ImageReader in YUV_420_888; the Y plane (luma) of each frame is
// copied row by row into a tight width×height ByteArray and handed to the decoder (the core
// QrScanner once the QR module lands). The first decoded link goes to the confirmation screen.
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
import java.util.concurrent.Executor

/** Decodes QR codes from a luma plane; the core QrScanner will implement this. */
fun interface FrameDecoder {
    fun decode(luma: ByteArray, width: Int, height: Int): String?
}

class ScanActivity : Activity() {
    /** Until the QR module lands nothing is decoded; the camera path is exercised anyway. */
    var decoder: FrameDecoder = FrameDecoder { _, _, _ -> null }

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
        // 1280×720 is plenty for a QR code and copies 0.9 MB per frame instead of 2 MB at 1080p.
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
        val luma = lumaPlane(image)
        val text = decoder.decode(luma, image.width, image.height) ?: return
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
        super.onDestroy()
    }

    companion object {
        /** The Y plane without row padding: YUV_420_888 guarantees pixelStride 1 for Y. */
        fun lumaPlane(image: Image): ByteArray {
            val plane = image.planes[0]
            val buffer = plane.buffer
            val width = image.width
            val height = image.height
            val out = ByteArray(width * height)
            for (row in 0 until height) {
                buffer.position(row * plane.rowStride)
                buffer.get(out, row * width, width)
            }
            return out
        }
    }
}
