// The app's Clock for Rust: the wall clock. (Server-time correction belongs in core.)
package dev.inkan.android.platform

import dev.inkan.core.Clock

class SystemClockAdapter : Clock {
    override fun nowUnix(): Long = System.currentTimeMillis() / 1000
}
