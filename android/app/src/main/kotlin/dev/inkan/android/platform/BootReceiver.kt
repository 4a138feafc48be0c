// After a reboot: the persisted poll job normally comes back by itself; this schedules it
// if the system dropped it (an app update, a cleared job store). Scheduling is a no-op when
// the job is pending (PollJobService.schedule), so this never restarts its period.
package dev.inkan.android.platform

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent

class BootReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        if (intent.action == Intent.ACTION_BOOT_COMPLETED) PollJobService.schedule(context)
    }
}
