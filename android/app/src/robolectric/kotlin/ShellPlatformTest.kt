// Robolectric tests of the shell's platform pieces that need no vault: the real
// AndroidManifest.xml (permissions, exported flags, intent filters matched by the
// framework's IntentFilter), the persisted poll job scheduled only when absent, the boot
// receiver, and the scan screen's camera (viewfinder, closed on pause).

import android.Manifest
import android.app.Activity
import android.app.Service
import android.app.job.JobScheduler
import android.content.BroadcastReceiver
import android.content.Intent
import android.content.IntentFilter
import android.graphics.SurfaceTexture
import android.hardware.camera2.CameraCharacteristics
import android.hardware.camera2.CameraManager
import android.net.Uri
import android.view.TextureView
import android.view.ViewGroup
import dev.inkan.android.platform.BootReceiver
import dev.inkan.android.platform.PollJobService
import dev.inkan.android.platform.ScanActivity
import dev.inkan.android.robolectric.TestInkanApp
import java.io.File
import javax.xml.parsers.DocumentBuilderFactory
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertSame
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadow.api.Shadow
import org.robolectric.shadows.ShadowCameraCharacteristics
import org.robolectric.shadows.ShadowLooper
import org.w3c.dom.Element

private const val ANDROID_NS = "http://schemas.android.com/apk/res/android"

/** The app's manifest as written (android/app/src/main/AndroidManifest.xml; check.sh passes its path). */
private val manifest: Element by lazy {
    val path = System.getProperty("inkan.manifest") ?: "${System.getenv("INKAN_ROOT")}/android/app/src/main/AndroidManifest.xml"
    DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }.newDocumentBuilder().parse(File(path)).documentElement
}

private fun Element.children(tag: String): List<Element> =
    (0 until childNodes.length).map { childNodes.item(it) }.filterIsInstance<Element>().filter { it.tagName == tag }

private fun Element.attr(name: String): String? = getAttributeNS(ANDROID_NS, name).ifEmpty { null }

/** Every activity, service and receiver of the application, by class name. */
private val components: Map<String, Element> by lazy {
    val application = manifest.children("application").single()
    listOf("activity", "service", "receiver").flatMap { application.children(it) }.associateBy { it.attr("name")!! }
}

/** The component's intent filters as the framework's IntentFilter. */
private fun filters(component: String): List<IntentFilter> = components.getValue(component).children("intent-filter").map { xml ->
    IntentFilter().apply {
        xml.children("action").forEach { addAction(it.attr("name")) }
        xml.children("category").forEach { addCategory(it.attr("name")) }
        xml.children("data").forEach { data ->
            data.attr("scheme")?.let { addDataScheme(it) }
            data.attr("host")?.let { addDataAuthority(it, null) }
            data.attr("path")?.let { addDataPath(it, android.os.PatternMatcher.PATTERN_LITERAL) }
        }
    }
}

private fun handles(component: String, intent: Intent): Boolean = filters(component).any {
    it.match(RuntimeEnvironment.getApplication().contentResolver, intent, false, "test") >= 0
}

private const val P = "dev.inkan.android.platform."

@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], application = TestInkanApp::class, manifest = Config.NONE)
class ShellPlatformTest {
    private val app get() = RuntimeEnvironment.getApplication()
    private val scheduler get() = app.getSystemService(JobScheduler::class.java)

    @Test
    fun manifestAsksForExactlyTheNeededPermissions() {
        val asked = manifest.children("uses-permission").map { it.attr("name") }.toSet()
        assertEquals(
            setOf(
                Manifest.permission.CAMERA, Manifest.permission.POST_NOTIFICATIONS, Manifest.permission.USE_BIOMETRIC,
                Manifest.permission.INTERNET, Manifest.permission.RECEIVE_BOOT_COMPLETED,
            ),
            asked,
        )
        assertEquals("false", manifest.children("application").single().attr("allowBackup"))
    }

    @Test
    fun manifestExportsOnlyTheLauncherTheLinkEntryAndTheBootReceiver() {
        // Each component names its class and its kind; exported is always explicit (API 31+).
        for ((name, xml) in components) {
            val kind = when (xml.tagName) {
                "activity" -> Activity::class.java
                "service" -> Service::class.java
                else -> BroadcastReceiver::class.java
            }
            assertTrue("$name is a ${kind.simpleName}", kind.isAssignableFrom(Class.forName(name)))
            assertNotNull("$name says whether it is exported", xml.attr("exported"))
        }
        assertEquals(
            setOf(P + "MainActivity", P + "LinkActivity", P + "BootReceiver"),
            components.filterValues { it.attr("exported") == "true" }.keys,
        )
        assertEquals("android.permission.BIND_JOB_SERVICE", components.getValue(P + "PollJobService").attr("permission"))
    }

    @Test
    fun manifestIntentFiltersRouteLinksLauncherAndBoot() {
        assertTrue(handles(P + "MainActivity", Intent(Intent.ACTION_MAIN).addCategory(Intent.CATEGORY_LAUNCHER)))
        val view = { uri: String -> Intent(Intent.ACTION_VIEW, Uri.parse(uri)).addCategory(Intent.CATEGORY_BROWSABLE) }
        for (link in listOf(
            "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP",
            "otpauth-migration://offline?data=AA",
            "pia://totp/x?secret=JBSWY3DPEHPK3PXP",
            "https://auth.example.com/.well-known/inkan/pair",
        )) {
            assertTrue(link, handles(P + "LinkActivity", view(link)))
        }
        for (link in listOf("https://evil.example.com/.well-known/inkan/pair", "https://auth.example.com/other", "http://auth.example.com/.well-known/inkan/pair")) {
            assertFalse(link, handles(P + "LinkActivity", view(link)))
        }
        assertTrue(handles(P + "BootReceiver", Intent(Intent.ACTION_BOOT_COMPLETED)))
        for (internal in listOf("ScanActivity", "ConfirmActivity", "ApproveActivity", "VaultActivity", "TokensActivity")) {
            assertTrue(internal, filters(P + internal).isEmpty())
        }
    }

    @Test
    fun pollJobIsPersistedAndScheduledOnlyWhenAbsent() {
        // Application.onCreate scheduled it; a second start keeps the pending job as it is
        // (re-scheduling would restart its period, and stop it while it runs).
        val first = scheduler.getPendingJob(PollJobService.JOB_ID)
        assertNotNull(first)
        assertTrue(first!!.isPersisted)
        assertTrue(first.isPeriodic)
        assertFalse(PollJobService.schedule(app))
        assertSame(first, scheduler.getPendingJob(PollJobService.JOB_ID))
    }

    @Test
    fun bootReceiverSchedulesTheJobWhenTheSystemDroppedIt() {
        scheduler.cancelAll()
        BootReceiver().onReceive(app, Intent(Intent.ACTION_MAIN))
        assertEquals(null, scheduler.getPendingJob(PollJobService.JOB_ID))
        BootReceiver().onReceive(app, Intent(Intent.ACTION_BOOT_COMPLETED))
        assertTrue(scheduler.getPendingJob(PollJobService.JOB_ID)!!.isPersisted)
    }

    @Test
    fun scanShowsAViewfinderAndClosesTheCameraWhenPaused() {
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        val characteristics = ShadowCameraCharacteristics.newCameraCharacteristics()
        val shadowChars = Shadow.extract<ShadowCameraCharacteristics>(characteristics)
        shadowChars.set(CameraCharacteristics.LENS_FACING, CameraCharacteristics.LENS_FACING_BACK)
        shadowChars.set(CameraCharacteristics.FLASH_INFO_AVAILABLE, true)
        shadowOf(app.getSystemService(CameraManager::class.java)).addCamera("0", characteristics)

        val controller = Robolectric.buildActivity(ScanActivity::class.java).setup()
        val scan = controller.get()
        val root = scan.findViewById<ViewGroup>(android.R.id.content)
        fun ViewGroup.all(): List<android.view.View> = (0 until childCount).flatMap { i ->
            val child = getChildAt(i)
            listOf(child) + ((child as? ViewGroup)?.all() ?: emptyList())
        }
        val viewfinder = root.all().filterIsInstance<TextureView>().single()
        assertFalse("no camera before the viewfinder exists", scan.cameraOpen)

        viewfinder.surfaceTextureListener!!.onSurfaceTextureAvailable(SurfaceTexture(0), 1280, 720)
        ShadowLooper.idleMainLooper()
        assertTrue("camera open behind the viewfinder", scan.cameraOpen)

        controller.pause()
        ShadowLooper.idleMainLooper()
        assertFalse("camera closed on pause", scan.cameraOpen)

        controller.resume()
        ShadowLooper.idleMainLooper()
        assertTrue("camera open again on resume", scan.cameraOpen)

        // A saved QR code: the system picker for images (no storage permission).
        root.all().filterIsInstance<android.widget.Button>().single { it !is android.widget.ToggleButton }.performClick()
        val pick = shadowOf(scan).nextStartedActivity
        assertEquals(Intent.ACTION_OPEN_DOCUMENT, pick.action)
        assertEquals("image/*", pick.type)
        assertTrue(pick.hasCategory(Intent.CATEGORY_OPENABLE))
        controller.pause().stop().destroy()
    }

    @Test
    @Config(qualifiers = "xxhdpi") // density 3: a size in px instead of dp shows
    fun scanControlsAreSizedInDp() {
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        val scan = Robolectric.buildActivity(ScanActivity::class.java).setup().get()
        val density = scan.resources.displayMetrics.density
        assertEquals(3f, density)
        val root = scan.findViewById<ViewGroup>(android.R.id.content)
        val buttons = (root.getChildAt(0) as ViewGroup).let { col -> (0 until col.childCount).map { col.getChildAt(it) } }
            .filterIsInstance<android.widget.Button>()
        assertEquals(2, buttons.size)
        for (b in buttons) assertEquals((48 * density).toInt(), b.layoutParams.height)
    }
}
