// Entry point of every link the system hands over (otpauth, otpauth-migration, the https
// pairing App Link): route it, then show the confirmation screen. Nothing is saved here.
package dev.inkan.android.platform

import android.app.Activity
import android.content.Intent
import android.os.Bundle
import dev.inkan.android.shell.LinkRouter

class LinkActivity : Activity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val link = intent?.dataString
        if (link != null) {
            app.pendingRoute = LinkRouter.route(link, System.currentTimeMillis() / 1000)
            startActivity(Intent(this, ConfirmActivity::class.java))
        }
        finish()
    }
}
