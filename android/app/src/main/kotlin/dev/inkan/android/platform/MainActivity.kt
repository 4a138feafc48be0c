// The account list: live codes with a countdown, refreshed when the first code changes.
// Codes are hidden (and not computed) while the device is locked.
package dev.inkan.android.platform

import android.app.Activity
import android.content.ClipboardManager
import android.content.Intent
import android.os.Bundle
import android.os.Handler
import android.os.Looper
import android.widget.LinearLayout
import android.widget.ScrollView
import dev.inkan.android.shell.LinkRouter

class MainActivity : Activity() {
    private val handler = Handler(Looper.getMainLooper())
    private lateinit var list: LinearLayout
    private val refresh = Runnable { render() }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        secureWindow()
        val root = column()
        root.button("Scan QR code") { startActivity(Intent(this, ScanActivity::class.java)) }
        root.button("Paste link") { pasteLink() }
        list = column()
        root.addView(list)
        setContentView(ScrollView(this).apply { addView(root) })
    }

    override fun onResume() {
        super.onResume()
        render()
    }

    override fun onPause() {
        handler.removeCallbacks(refresh)
        super.onPause()
    }

    private fun render() {
        handler.removeCallbacks(refresh)
        val state = app.accounts.state(deviceLocked = deviceLocked())
        list.removeAllViews()
        app.recoveryCode?.takeUnless { deviceLocked() }?.let {
            list.text("Recovery code — write it down, it is shown only once:", 14f)
            list.text(it, 20f)
            app.recoveryCode = null
        }
        if (state.rows.isEmpty()) list.text("No accounts yet")
        for (row in state.rows) {
            list.text(row.label, 14f)
            list.text(row.code, 28f)
            row.remainingSeconds?.let { list.text("${it} s", 12f) }
            if (row.progress == null && !deviceLocked()) list.button("Show code") { list.text(app.accounts.nextHotp(row.id), 28f) }
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
