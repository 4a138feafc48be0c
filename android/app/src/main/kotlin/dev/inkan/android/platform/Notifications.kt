// Sign-in request notifications: own channel, private on the lock screen (the public
// version says only "Sign-in request"), tap opens the approval screen.
package dev.inkan.android.platform

import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import dev.inkan.android.shell.NotificationTexts
import dev.inkan.core.PushChallenge
import dev.inkan.core.PushTokenInfo

object Notifications {
    const val CHANNEL = "sign-in-requests"
    private const val ID = 1

    fun createChannel(context: Context) {
        val channel = NotificationChannel(CHANNEL, "Sign-in requests", NotificationManager.IMPORTANCE_HIGH).apply {
            description = "Requests to approve a sign-in"
            lockscreenVisibility = Notification.VISIBILITY_PRIVATE
        }
        context.getSystemService(NotificationManager::class.java).createNotificationChannel(channel)
    }

    /** One notification for the open [challenges]; [tokens] name their accounts. */
    fun showSignIn(context: Context, challenges: List<PushChallenge>, tokens: List<PushTokenInfo>) {
        val text = NotificationTexts.signIn(challenges, tokens)
        val open = PendingIntent.getActivity(
            context, 0, Intent(context, ApproveActivity::class.java),
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
        )
        val public = Notification.Builder(context, CHANNEL)
            .setSmallIcon(android.R.drawable.ic_lock_lock)
            .setContentTitle(text.publicTitle)
            .build()
        val notification = Notification.Builder(context, CHANNEL)
            .setSmallIcon(android.R.drawable.ic_lock_lock)
            .setContentTitle(text.title)
            .setContentText(text.body)
            .setCategory(Notification.CATEGORY_STATUS)
            .setVisibility(Notification.VISIBILITY_PRIVATE)
            .setPublicVersion(public)
            .setContentIntent(open)
            .setAutoCancel(true)
            .build()
        context.getSystemService(NotificationManager::class.java).notify(ID, notification)
    }
}
