// What a sign-in notification says. The lock screen sees only the public version; neither
// version carries a code or the matching number (they are shown inside the app, after unlock).
package dev.inkan.android.shell

data class NotificationText(val title: String, val body: String, val publicTitle: String, val publicBody: String)

object NotificationTexts {
    const val TITLE = "Sign-in request"

    fun signIn(request: SignInRequest): NotificationText = NotificationText(
        title = TITLE,
        body = "${request.service} at ${request.host} asks to sign in. Open to review.",
        publicTitle = TITLE,
        publicBody = "",
    )
}
