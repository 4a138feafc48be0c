// The account list: live codes with a countdown, refreshed when the first code changes.
// Codes are hidden (and not computed) while the device is locked. While it is open, push
// tokens are polled every 15 s and an open sign-in request shows a "Review" button;
// "Manage push sign-in" opens the paired tokens (TokensActivity, removal).
// Without an open vault it hands over to VaultActivity (first start, password fallback).
package dev.inkan.android.platform

import android.Manifest
import android.app.Activity
import android.content.ClipboardManager
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import android.os.Bundle
import android.os.Handler
import android.os.Looper
import android.widget.LinearLayout
import android.widget.ScrollView
import dev.inkan.android.shell.LinkRouter
import dev.inkan.android.shell.NotificationTexts
import dev.inkan.android.shell.PushInbox
import java.util.concurrent.Executors

class MainActivity : Activity() {
    private val handler = Handler(Looper.getMainLooper())
    private lateinit var list: LinearLayout
    private val refresh = Runnable { render() }
    private val poller = Executors.newSingleThreadExecutor()

    /** HOTP codes shown on this screen, by account: a tap advances and saves the counter
     *  once, the code stays in its row across the one-second redraws, and it is forgotten
     *  when the screen is left (the next visit asks again). */
    private val hotpShown = mutableMapOf<String, String>()
    private val poll: Runnable = Runnable {
        poller.execute {
            PushPolling.poll(app)
            runOnUiThread { if (!isDestroyed) render() }
        }
        handler.postDelayed(poll, PushPolling.FOREGROUND_PERIOD_MS)
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        secureWindow()
        if (!VaultActivity.ensureOpen(this)) return
        val root = column()
        root.button("Scan QR code") { startActivity(Intent(this, ScanActivity::class.java)) }
        root.button("Paste link") { pasteLink() }
        list = column()
        root.addView(list)
        setContentView(ScrollView(this).apply { addView(root) })
    }

    override fun onResume() {
        super.onResume()
        if (!::list.isInitialized) return
        render()
        handler.post(poll)
        askForNotifications()
    }

    /** Android 13+: sign-in notifications need the permission; asked once a token is paired. */
    private fun askForNotifications() {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU || app.pushTokens().isEmpty()) return
        if (checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED) return
        requestPermissions(arrayOf(Manifest.permission.POST_NOTIFICATIONS), 2)
    }

    override fun onPause() {
        hotpShown.clear()
        handler.removeCallbacks(refresh)
        handler.removeCallbacks(poll)
        super.onPause()
    }

    override fun onDestroy() {
        poller.shutdown()
        super.onDestroy()
    }

    private fun render() {
        handler.removeCallbacks(refresh)
        val accounts = app.accounts ?: return
        val state = accounts.state(deviceLocked = deviceLocked())
        list.removeAllViews()
        if (app.inbox.mutedSeen) {
            list.text(PushInbox.MUTED_WARNING, 16f)
            list.button("OK") { app.inbox.acknowledgeMuted(); render() }
        }
        val open = app.inbox.challenges.size
        if (open > 0) {
            list.text(if (open == 1) "Sign-in request" else "$open sign-in requests", 20f)
            list.button("Review") { startActivity(Intent(this, ApproveActivity::class.java)) }
        }
        val tokens = app.pushTokens()
        if (state.rows.isEmpty() && tokens.isEmpty()) list.text("No accounts yet")
        for (token in tokens) list.text("Push sign-in: ${NotificationTexts.accountName(token)}", 14f)
        if (tokens.isNotEmpty()) list.button("Manage push sign-in") { startActivity(Intent(this, TokensActivity::class.java)) }
        for (row in state.rows) {
            list.text(row.label, 14f)
            val hotp = if (row.progress == null && !deviceLocked()) hotpShown[row.id] else null
            list.text(hotp ?: row.code, 28f)
            row.remainingSeconds?.let { list.text("${it} s", 12f) }
            if (row.progress == null && !deviceLocked() && hotp == null) {
                list.button("Show code") { hotpShown[row.id] = accounts.nextHotp(row.id); render() }
            }
        }
        // Every second for the countdown (codes change at state.refreshInSeconds at the latest).
        handler.postDelayed(refresh, 1000)
    }

    private fun pasteLink() {
        val clip = getSystemService(ClipboardManager::class.java).primaryClip ?: return
        if (clip.itemCount == 0) return
        val link = clip.getItemAt(0).coerceToText(this).toString()
        app.pendingRoute = LinkRouter.route(link, System.currentTimeMillis() / 1000)
        startActivity(Intent(this, ConfirmActivity::class.java))
    }
}
