// Push without Firebase: JobScheduler polls the push server every 15 minutes (the platform
// minimum) when a network is up; while the app is open, ApproveActivity/MainActivity poll
// in the foreground. WorkManager (androidx) is not available. The poll itself is the core
// PushClient's job once the push module lands; until then the job only reschedules.
package dev.inkan.android.platform

import android.app.job.JobInfo
import android.app.job.JobParameters
import android.app.job.JobScheduler
import android.app.job.JobService
import android.content.ComponentName
import android.content.Context

class PollJobService : JobService() {
    override fun onStartJob(params: JobParameters): Boolean {
        // PushClient.poll() goes here (async in Rust; finish with jobFinished()).
        return false
    }

    override fun onStopJob(params: JobParameters): Boolean = true

    companion object {
        private const val JOB_ID = 42
        private const val PERIOD_MS = 15 * 60 * 1000L

        fun schedule(context: Context) {
            val job = JobInfo.Builder(JOB_ID, ComponentName(context, PollJobService::class.java))
                .setRequiredNetworkType(JobInfo.NETWORK_TYPE_ANY)
                .setPeriodic(PERIOD_MS)
                .setPersisted(false)
                .build()
            context.getSystemService(JobScheduler::class.java).schedule(job)
        }
    }
}
