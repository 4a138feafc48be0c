// Robolectric tests of the Android framework code (activities, notifications) on the JVM,
// with the real Rust library through JNA. Run by android/check.sh when INKAN_ROBOLECTRIC=1.

import android.app.AlertDialog
import android.app.Notification
import android.app.NotificationManager
import android.content.Intent
import android.net.Uri
import android.view.ViewGroup
import android.view.WindowManager
import android.widget.Button
import android.widget.CheckBox
import android.widget.EditText
import android.widget.TextView
import dev.inkan.android.platform.ApproveActivity
import dev.inkan.android.platform.ConfirmActivity
import dev.inkan.android.platform.InkanApp
import dev.inkan.android.platform.LinkActivity
import dev.inkan.android.platform.MainActivity
import dev.inkan.android.platform.Notifications
import dev.inkan.android.platform.PushPolling
import dev.inkan.android.platform.TokensActivity
import dev.inkan.android.platform.VaultActivity
import dev.inkan.android.robolectric.TestInkanApp
import dev.inkan.android.shell.PresenceSigner
import dev.inkan.android.shell.RecoveredVault
import dev.inkan.android.shell.Route
import dev.inkan.core.LinkRequest
import dev.inkan.core.TestChallenge
import dev.inkan.core.openLink
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlertDialog
import org.robolectric.shadows.ShadowLooper
import org.robolectric.shadows.ShadowToast

// RFC_SHA1, challenge(), VPN_TOKEN, newVault, SlotKeyStore, RefusingKeyStore come from ShellTest.kt, PlayedServer & co. from
// PushFlowTest.kt (same compilation, tests/shell-scenarios.md inputs).

private fun ViewGroup.all(): List<android.view.View> = (0 until childCount).flatMap { i ->
    when (val child = getChildAt(i)) {
        is ViewGroup -> listOf(child) + child.all()
        else -> listOf(child)
    }
}

private fun android.app.Activity.root(): ViewGroup = findViewById(android.R.id.content)
private fun android.app.Activity.texts(): List<String> = root().all().filterIsInstance<TextView>().filter { it !is Button && it !is EditText }.map { it.text.toString() }
private fun android.app.Activity.button(label: String): Button = root().buttons().single { it.text == label }

/** Runs the main looper until [done] (worker threads post their results to it). */
private fun waitFor(what: String, done: () -> Boolean) {
    val until = System.currentTimeMillis() + 20_000
    while (!done()) {
        check(System.currentTimeMillis() < until) { "timed out waiting for $what" }
        Thread.sleep(20)
        ShadowLooper.idleMainLooper()
    }
}

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

    /** The state after the first start: a vault with an acknowledged recovery code. */
    private fun unlocked() {
        if (app.unlocked) return
        app.createVault("a long password")
        app.recoveryCodeSaved()
    }

    @After
    fun noPushFakes() {
        TestInkanApp.transport = null
        TestInkanApp.signer = null
        TestInkanApp.clock = null
        TestInkanApp.tokenKeys = null
        TestInkanApp.keyStore = null
    }

    /** A vault with the token of PUSH_LINK paired through the app's PushClient (played
     *  server, software keys, presence stub); returns the server, keys and presence. */
    private fun pairedApp(): Triple<PlayedServer, SoftwareTokenKeys, StubPresence> {
        val server = PlayedServer(PushFlowTest.serverKeys)
        val keys = SoftwareTokenKeys()
        val presence = StubPresence()
        TestInkanApp.transport = server
        TestInkanApp.tokenKeys = keys
        TestInkanApp.signer = PresenceSigner(keys, presence)
        TestInkanApp.clock = FixedClock
        unlocked()
        val push = app.push!!
        runBlocking { (openLink(PUSH_LINK, NOW) as LinkRequest.Push).enrollment.use { push.rollout(it, "inkan-push-r") } }
        return Triple(server, keys, presence)
    }

    @Test
    fun mainActivityIsSecure() {
        unlocked()
        val activity = Robolectric.buildActivity(MainActivity::class.java).setup().get()
        assertNotEquals(0, activity.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE)
    }

    @Test
    fun linkGoesThroughConfirmationBeforeAnythingIsAdded() {
        unlocked()
        val link = Robolectric.buildActivity(LinkActivity::class.java, Intent(Intent.ACTION_VIEW, Uri.parse(RFC_SHA1))).setup().get()
        val next = shadowOf(link).nextStartedActivity
        assertEquals(ConfirmActivity::class.java.name, next.component?.className)
        assertTrue(app.pendingRoute is Route.AddAccounts)
        assertEquals(0, app.accounts!!.size)

        val confirm = Robolectric.buildActivity(ConfirmActivity::class.java, next).setup().get()
        assertNotEquals(0, confirm.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE)
        val root = confirm.findViewById<ViewGroup>(android.R.id.content)
        root.buttons().single { it.text == "Add" }.performClick()
        assertEquals(1, app.accounts!!.size)
    }

    @Test
    fun signInNotificationIsPrivateWithAGenericPublicVersion() {
        Notifications.showSignIn(app, listOf(challenge()), listOf(VPN_TOKEN))
        val manager = shadowOf(app.getSystemService(NotificationManager::class.java))
        val notification = manager.allNotifications.single()
        assertEquals(Notification.VISIBILITY_PRIVATE, notification.visibility)
        val public = notification.publicVersion
        assertEquals("Sign-in request", public.extras.getCharSequence(Notification.EXTRA_TITLE).toString())
        assertEquals(null, public.extras.getCharSequence(Notification.EXTRA_TEXT))
        assertEquals(Notification.VISIBILITY_PRIVATE, app.getSystemService(NotificationManager::class.java).getNotificationChannel(Notifications.CHANNEL).lockscreenVisibility)
    }

    @Test
    fun firstStartAsksForAPasswordAndTheRecoveryCodeBeforeTheList() {
        val main = Robolectric.buildActivity(MainActivity::class.java).setup().get()
        val next = shadowOf(main).nextStartedActivity
        assertEquals(VaultActivity::class.java.name, next.component?.className)
        val vault = Robolectric.buildActivity(VaultActivity::class.java, next).setup().get()
        assertNotEquals(0, vault.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE)
        val fields = vault.root().all().filterIsInstance<EditText>()
        fields[0].setText("a long password")
        fields[1].setText("another password")
        vault.button("Continue").performClick()
        assertTrue(vault.texts().contains("The two passwords differ"))
        fields[1].setText("a long password")
        vault.button("Continue").performClick()
        waitFor("the recovery code") { vault.texts().contains("Your recovery code") }
        assertFalse("no vault before the code is acknowledged", app.unlocked)
        val go = vault.button("Show my accounts")
        assertFalse(go.isEnabled)
        vault.root().all().filterIsInstance<CheckBox>().single().performClick()
        assertTrue(go.isEnabled)
        go.performClick()
        assertTrue(app.unlocked)
        assertEquals(MainActivity::class.java.name, shadowOf(vault).nextStartedActivity.component?.className)
    }

    @Test
    fun approveScreenAnswersThroughPushClient() {
        val (server, _, presence) = pairedApp()
        server.challenges.add(TestChallenge("N1", "Sign in to VPN?", "09,84,01", null))
        server.correct = "84"
        assertEquals("", PushPolling.poll(app))

        val screen = Robolectric.buildActivity(ApproveActivity::class.java).setup().get()
        assertNotEquals(0, screen.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE)
        assertTrue(screen.texts().toString(), screen.texts().contains("Sign in to VPN?"))
        // The server pinned at pairing, on the screen (never on the notification, SEC-P7).
        assertTrue(screen.texts().toString(), screen.texts().contains("Sign-in at pi.example.com"))
        assertFalse(screen.button("Approve").isEnabled)
        // Cancelled prompt: the same screen again, with a notice; nothing was sent.
        presence.cancel = true
        screen.button("84").performClick()
        screen.button("Approve").performClick()
        waitFor("the screen again") { screen.texts().any { it.contains("you cancelled") } }
        assertTrue(server.posts.none { formField(it, "nonce") == "N1" })
        assertEquals(1, app.inbox.challenges.size)
        presence.cancel = false
        val approve = screen.button("Approve")
        assertFalse(approve.isEnabled)
        screen.button("84").performClick()
        assertTrue(approve.isEnabled)
        approve.performClick()
        waitFor("the outcome") { screen.texts().contains("Done") || screen.texts().contains("Not done") }
        assertTrue(screen.texts().toString(), screen.texts().contains("Sign-in approved"))
        assertEquals(listOf("N1|$PUSH_SERIAL|84"), presence.confirmed.toList())
        assertEquals("84", formField(server.posts.last(), "presence_answer"))
        assertTrue(app.inbox.challenges.isEmpty())
    }

    @Test
    fun tokenListRemovesATokenAfterConfirmation() {
        val (server, keys, _) = pairedApp()
        server.challenges.add(TestChallenge("N1", "Sign in to VPN?", null, null))
        assertEquals("", PushPolling.poll(app))
        assertEquals(1, app.inbox.challenges.size)

        val main = Robolectric.buildActivity(MainActivity::class.java).setup().get()
        main.button("Manage push sign-in").performClick()
        val next = shadowOf(main).nextStartedActivity
        assertEquals(TokensActivity::class.java.name, next.component?.className)
        val screen = Robolectric.buildActivity(TokensActivity::class.java, next).setup().get()
        assertNotEquals(0, screen.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE)
        assertTrue(screen.texts().toString(), screen.texts().containsAll(listOf("privacyIDEA: $PUSH_SERIAL", "Sign-in at pi.example.com")))

        // Remove asks first; Cancel keeps everything.
        screen.button("Remove").performClick()
        val ask = ShadowAlertDialog.getLatestAlertDialog() as AlertDialog
        assertNotEquals(0, ask.window!!.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE)
        val message = shadowOf(ask).message.toString()
        assertTrue(message, message.contains("not told") && message.contains("pi.example.com"))
        ask.getButton(AlertDialog.BUTTON_NEGATIVE).performClick()
        ShadowLooper.idleMainLooper()
        assertEquals(1, app.pushTokens().size)
        assertTrue(keys.deleted.isEmpty())

        screen.button("Remove").performClick()
        val confirm = ShadowAlertDialog.getLatestAlertDialog() as AlertDialog
        confirm.getButton(AlertDialog.BUTTON_POSITIVE).performClick()
        ShadowLooper.idleMainLooper()
        assertTrue(app.pushTokens().isEmpty())
        assertEquals(listOf("inkan-push-r"), keys.deleted.toList())
        assertTrue(app.inbox.challenges.isEmpty())
        assertTrue(screen.texts().toString(), screen.texts().any { it.startsWith("Removed") && it.contains("revoke") })
        assertTrue(screen.texts().contains("No push sign-in is paired."))
        assertTrue(screen.root().buttons().none { it.text == "Remove" })
    }

    private fun android.app.Activity.isSecure() = window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE != 0

    @Test
    fun forgottenPasswordRecoveryCodeThenANewPasswordBeforeTheList() {
        // A later start whose Keystore key was invalidated (a new biometric enrolment).
        val keyStore = SlotKeyStore()
        TestInkanApp.keyStore = keyStore
        lateinit var recovery: String
        newVault(app.filesDir, keyStore) { recovery = it }.use { it.addLink(RFC_SHA1, NOW) }
        keyStore.invalidate()
        val main = Robolectric.buildActivity(MainActivity::class.java).setup().get()
        val next = shadowOf(main).nextStartedActivity
        assertEquals(VaultActivity::class.java.name, next.component?.className)
        val vault = Robolectric.buildActivity(VaultActivity::class.java, next).setup().get()
        assertTrue(vault.isSecure())
        assertTrue(vault.texts().contains("Enter your password"))

        vault.button("Use recovery code").performClick()
        assertTrue(vault.texts().contains("Enter your recovery code"))
        val code = vault.root().all().filterIsInstance<EditText>().single()
        code.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
        vault.button("Open with recovery code").performClick()
        waitFor("the wrong code") { vault.texts().contains(RecoveredVault.WRONG_CODE) }
        assertFalse(app.unlocked)
        code.setText(recovery)
        vault.button("Open with recovery code").performClick()
        waitFor("the new password step") { vault.texts().contains("Choose a new password") }
        assertEquals("", code.text.toString())
        assertFalse("no account list before the new password", app.unlocked)
        assertTrue(keyStore.keyIds.isEmpty())

        val fields = vault.root().all().filterIsInstance<EditText>()
        fields[0].setText("a new password")
        fields[1].setText("a new passw0rd")
        vault.button("Save password").performClick()
        assertTrue(vault.texts().contains("The two passwords differ"))
        fields[1].setText("a new password")
        vault.button("Save password").performClick()
        waitFor("the account list") { shadowOf(vault).peekNextStartedActivity() != null }
        assertEquals(MainActivity::class.java.name, shadowOf(vault).nextStartedActivity.component?.className)
        assertTrue(app.unlocked)
        assertEquals(1, app.accounts!!.size)
        assertTrue(fields.all { it.text.isEmpty() })
        assertNull("the key store took the new slot: no notice", ShadowToast.getTextOfLatestToast())
        assertEquals(1, keyStore.keyIds.size)
    }

    @Test
    fun passwordOpenSaysWhenTheKeyStoreCannotBeSetUpAgain() {
        newVault(app.filesDir, SlotKeyStore()).close()
        TestInkanApp.keyStore = RefusingKeyStore()
        val vault = Robolectric.buildActivity(VaultActivity::class.java).setup().get()
        assertTrue(vault.isSecure())
        val password = vault.root().all().filterIsInstance<EditText>().single()
        password.setText("wrong password")
        vault.button("Open").performClick()
        waitFor("the wrong password") { vault.button("Open").isEnabled }
        assertEquals("", password.text.toString())
        assertFalse(app.unlocked)
        password.setText("a long password")
        vault.button("Open").performClick()
        waitFor("the account list") { shadowOf(vault).peekNextStartedActivity() != null }
        assertTrue(app.unlocked)
        val notice = ShadowToast.getTextOfLatestToast()
        assertTrue(notice, notice.contains("could not be set up again") && notice.contains("password"))
    }

    @Test
    fun hotpCodeStaysInItsRowAndOneTapAdvancesTheCounterOnce() {
        unlocked()
        app.accounts!!.add("otpauth://hotp/Test:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0")
        // RFC 4226 appendix D, counters 0 to 2, as the list groups them.
        val rfc = listOf("755 224", "287 082", "359 152")
        val controller = Robolectric.buildActivity(MainActivity::class.java).setup()
        val main = controller.get()
        main.button("Show code").performClick()
        val first = main.texts().single { it in rfc }
        // The one-second redraws keep it, and there is no button left to advance the counter again.
        repeat(3) { ShadowLooper.idleMainLooper(1, java.util.concurrent.TimeUnit.SECONDS) }
        assertTrue(first in main.texts())
        assertTrue(main.root().buttons().none { it.text == "Show code" })
        // Leaving the screen forgets the code; the next one is the next counter's.
        controller.pause().resume()
        assertFalse(first in main.texts())
        main.button("Show code").performClick()
        assertEquals(rfc[rfc.indexOf(first) + 1], main.texts().single { it in rfc })
        controller.pause().stop().destroy()
    }
}
