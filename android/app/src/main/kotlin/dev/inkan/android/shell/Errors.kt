// The display-safe reason of every InkanException. An exhaustive `when` over the sealed
// class: a new error variant in Rust fails this build until the shell decides how to show it.
package dev.inkan.android.shell

import dev.inkan.core.InkanException

val InkanException.displayReason: String
    get() = when (this) {
        is InkanException.InvalidInput -> reason
        is InkanException.WrongPassword -> reason
        is InkanException.Locked -> reason
        is InkanException.Duplicate -> reason
        is InkanException.ChallengeRejected -> reason
        is InkanException.Network -> reason
        is InkanException.KeystoreUnavailable -> reason
        is InkanException.Cancelled -> reason
        is InkanException.Internal -> reason
    }
