// Small helpers shared by the screens: FLAG_SECURE, device lock state, plain views.
package dev.inkan.android.platform

import android.app.Activity
import android.app.KeyguardManager
import android.view.WindowManager
import android.widget.Button
import android.widget.LinearLayout
import android.widget.TextView

/** No screenshots, no recents thumbnail, no casting of screens that show codes or secrets. */
fun Activity.secureWindow() {
    window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
}

/** True while the device is locked (the keyguard is up or the user has not unlocked since boot). */
fun Activity.deviceLocked(): Boolean = getSystemService(KeyguardManager::class.java).isDeviceLocked

val Activity.app: InkanApp get() = application as InkanApp

fun Activity.column(): LinearLayout = LinearLayout(this).apply {
    orientation = LinearLayout.VERTICAL
    setPadding(32, 32, 32, 32)
}

fun LinearLayout.text(value: String, size: Float = 16f): TextView =
    TextView(context).apply { text = value; textSize = size }.also { addView(it) }

fun LinearLayout.button(label: String, onClick: () -> Unit): Button =
    Button(context).apply { text = label; setOnClickListener { onClick() } }.also { addView(it) }

/** [value] density-independent pixels in pixels: every size on screen is given in dp. */
fun android.content.Context.dp(value: Int): Int = (value * resources.displayMetrics.density).toInt()
