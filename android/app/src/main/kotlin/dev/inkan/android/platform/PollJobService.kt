// Push without Firebase: JobScheduler polls the push server every 15 minutes (the platform
// minimum) when a network is up; while the app is open, MainActivity polls every 15 s.
// WorkManager (androidx) is not available. The job is persisted (it survives a reboot;
// BootReceiver schedules it again if the system dropped it) and scheduled only when absent:
// schedule() replaces a pending job of the same id, which would restart its period (and stop
// it if it is running) each time the process starts. Until a push service is wired, a
// sign-in request is seen only by this job or while the app is open. The job opens the vault through the Keystore
// slot when the process has none open; on a locked phone neither the vault key nor the
// token keys (setUnlockedDeviceRequired) can be used, so that poll does nothing and the
// next one, after unlock, catches up. Challenges reach the app only after core verified
// them; the notification is private (SEC-P7).
package dev.inkan.android.platform

import android.app.job.JobInfo
import android.app.job.JobParameters
import android.app.job.JobScheduler
import android.app.job.JobService
import android.content.ComponentName
import android.content.Context
import dev.inkan.android.shell.VaultStart
import kotlin.concurrent.thread

class PollJobService : JobService() {
    override fun onStartJob(params: JobParameters): Boolean {
        val app = application as InkanApp
        thread(name = "inkan-poll-job") {
            val polled = try {
                app.start() is VaultStart.Open && PushPolling.poll(app) == ""
            } catch (e: RuntimeException) {
                false
            }
            val open = app.inbox.challenges
            if (polled && open.isNotEmpty()) Notifications.showSignIn(this, open, app.pushTokens())
            jobFinished(params, false)
        }
        return true // finished on the worker thread
    }

    override fun onStopJob(params: JobParameters): Boolean = true

    companion object {
        private const val PERIOD_MS = 15 * 60 * 1000L

        const val JOB_ID = 42

        /** Schedules the poll job unless it is pending already; returns whether it did. */
        fun schedule(context: Context): Boolean {
            val scheduler = context.getSystemService(JobScheduler::class.java)
            if (scheduler.getPendingJob(JOB_ID) != null) return false
            val job = JobInfo.Builder(JOB_ID, ComponentName(context, PollJobService::class.java))
                .setRequiredNetworkType(JobInfo.NETWORK_TYPE_ANY)
                .setPeriodic(PERIOD_MS)
                .setPersisted(true) // needs RECEIVE_BOOT_COMPLETED
                .build()
            return scheduler.schedule(job) == JobScheduler.RESULT_SUCCESS
        }
    }
}
