// Robolectric tests of the Android framework code (activities, notifications) on the JVM,
// with the real Rust library through JNA. Run by android/check.sh when INKAN_ROBOLECTRIC=1.

import android.app.Notification
import android.app.NotificationManager
import android.content.Intent
import android.net.Uri
import android.view.ViewGroup
import android.view.WindowManager
import android.widget.Button
import dev.inkan.android.platform.ConfirmActivity
import dev.inkan.android.platform.InkanApp
import dev.inkan.android.platform.LinkActivity
import dev.inkan.android.platform.MainActivity
import dev.inkan.android.platform.Notifications
import dev.inkan.android.robolectric.TestInkanApp
import dev.inkan.android.shell.Route
import dev.inkan.android.shell.SignInRequest
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config

// RFC_SHA1 comes from ShellTest.kt (same compilation, tests/shell-scenarios.md inputs).

private fun ViewGroup.buttons(): List<Button> = (0 until childCount).flatMap { i ->
    when (val child = getChildAt(i)) {
        is Button -> listOf(child)
        is ViewGroup -> child.buttons()
        else -> emptyList()
    }
}

@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], application = TestInkanApp::class, manifest = Config.NONE)
class FrameworkTest {
    private val app get() = RuntimeEnvironment.getApplication() as InkanApp

    @Test
    fun mainActivityIsSecure() {
        val activity = Robolectric.buildActivity(MainActivity::class.java).setup().get()
        assertNotEquals(0, activity.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE)
    }

    @Test
    fun linkGoesThroughConfirmationBeforeAnythingIsAdded() {
        val link = Robolectric.buildActivity(LinkActivity::class.java, Intent(Intent.ACTION_VIEW, Uri.parse(RFC_SHA1))).setup().get()
        val next = shadowOf(link).nextStartedActivity
        assertEquals(ConfirmActivity::class.java.name, next.component?.className)
        assertTrue(app.pendingRoute is Route.AddAccounts)
        assertEquals(0, app.accounts.size)

        val confirm = Robolectric.buildActivity(ConfirmActivity::class.java, next).setup().get()
        assertNotEquals(0, confirm.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE)
        val root = confirm.findViewById<ViewGroup>(android.R.id.content)
        root.buttons().single { it.text == "Add" }.performClick()
        assertEquals(1, app.accounts.size)
    }

    @Test
    fun signInNotificationIsPrivateWithAGenericPublicVersion() {
        Notifications.showSignIn(app, SignInRequest("VPN", "auth.example.com", listOf(42)))
        val manager = shadowOf(app.getSystemService(NotificationManager::class.java))
        val notification = manager.allNotifications.single()
        assertEquals(Notification.VISIBILITY_PRIVATE, notification.visibility)
        val public = notification.publicVersion
        assertEquals("Sign-in request", public.extras.getCharSequence(Notification.EXTRA_TITLE).toString())
        assertEquals(null, public.extras.getCharSequence(Notification.EXTRA_TEXT))
        assertEquals(Notification.VISIBILITY_PRIVATE, app.getSystemService(NotificationManager::class.java).getNotificationChannel(Notifications.CHANNEL).lockscreenVisibility)
    }
}
