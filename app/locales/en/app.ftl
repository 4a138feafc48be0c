# inkan app texts, English. Every key here must exist in ja/app.ftl (a test checks).
# Arguments: $count (number: plural and digit grouping), $account, $code, $host, $name, $seconds.

## Titles
title-app = inkan
title-create = Welcome to inkan
title-recovery = Your recovery code
title-unlock = Unlock inkan
title-new-password = Choose a new password
title-accounts = Accounts
title-scan = Scan QR code
title-manual = Enter a setup key
title-confirm = Confirm
title-approve = Sign-in request
title-backup = Backup and restore
title-settings = Settings

## Common
action-cancel = Cancel
field-password = Password
field-password-again = Password again
password-rule = { $count ->
    [one] At least { $count } character
   *[other] At least { $count } characters
}

## First start
create-intro = Choose a password for inkan. It protects your accounts on this phone; you will need it if the phone cannot unlock inkan by itself.
create-submit = Create
recovery-intro = Write this recovery code down and keep it somewhere safe. It is the only way back in if you forget your password. It is shown only once.
recovery-checkbox = I have written down the recovery code
recovery-continue = Continue

## Unlock
unlock-intro = Enter your password to unlock inkan.
unlock-submit = Unlock
unlock-forgot = Forgot your password? Use the recovery code
unlock-keystore = Unlock with this phone's screen lock
unlock-recovery-intro = Enter the recovery code you wrote down when you set up inkan. Dashes, spaces and case do not matter.
unlock-recovery-submit = Continue
unlock-pending-link = A sign-in link is waiting. Unlock inkan to review it.
field-recovery-code = Recovery code
new-password-intro = You opened inkan with the recovery code. Choose a new password; the old one will no longer work.
new-password-submit = Save password

## Account list
accounts-count = { $count ->
    [one] { $count } account
   *[other] { $count } accounts
}
accounts-search = Search accounts
accounts-empty = No accounts yet. Tap "Add account" and scan the QR code shown on the sign-in screen.
accounts-no-match = No account matches your search.
add-account = Add account
add-scan = Scan QR code
add-image = Scan from an image
add-manual = Enter a setup key
code-reveal = Show code
code-hides-in = Hides in { $seconds } s
code-next = Next: { $code }
a11y-row-timed = { $account }, code { $code }, { $seconds ->
    [one] { $seconds } second left
   *[other] { $seconds } seconds left
}
a11y-row-revealed = { $account }, code { $code }
a11y-row-hidden = { $account }, code hidden. Double-tap to show it.
delete-question = Delete "{ $account }"?
delete-warning = You will no longer get sign-in codes for this account from inkan. Turn off two-step verification on the service first, or you may be locked out.
delete-confirm = Delete

## Notices
notice-copied = Copied
notice-deleted = Account deleted
notice-added = { $count ->
    [one] Added { $count } account.
   *[other] Added { $count } accounts.
}
notice-already-there = This account has already been added.
notice-duplicate-kept = { $count ->
    [one] { $count } account has the same name as an existing one but a different key: both are kept.
   *[other] { $count } accounts have the same name as existing ones but a different key: both are kept.
}
notice-keystore-not-renewed = This phone's screen lock could not be set up for inkan again. inkan will ask for your password next time.
notice-backup-ready = { $count ->
    [one] Backup of { $count } account ready to save.
   *[other] Backup of { $count } accounts ready to save.
}
notice-restored = { $count ->
    [one] Restored { $count } account.
   *[other] Restored { $count } accounts.
}
notice-paired = Ready for sign-in requests.

## Adding
scan-hint = Point the camera at the QR code shown on the sign-in screen.
field-issuer = Service (optional)
field-account = Account name
field-secret = Setup key
manual-totp = Time-based
manual-hotp = Counter-based
manual-submit = Continue
confirm-question = { $count ->
    [one] Add { $count } account?
   *[other] Add { $count } accounts?
}
confirm-from = From { $host }
confirm-skipped = "{ $name }" cannot be imported and will be skipped.
confirm-add = Add account
confirm-push-question = Use inkan to approve sign-ins for this account?
confirm-push-server = Server: { $host }
confirm-pair = Pair

## Sign-in requests (push)
notify-title = Sign-in request
notify-body = { $count ->
    [one] { $account } asks you to approve a sign-in. Open inkan to review it.
   *[other] { $count } sign-in requests ({ $account }). Open inkan to review them.
}
inbox-row = Sign-in request: { $account }
approve-question = Are you trying to sign in?
approve-sign-in-at = Sign-in at { $host }
approve-type-in = Enter the number shown on the sign-in screen
approve-switch-type-in = Type the number instead
approve-approve = Approve
approve-deny = Deny
approve-not-me = This wasn't me
push-approved = Sign-in approved.
push-approved-code = Sign-in approved. Type this code on the sign-in page:
push-denied = Sign-in denied.
push-reported = Sign-in denied and reported. If you did not start it, someone may know your password: change it.
push-blocked = That was not the number on the sign-in screen. The sign-in was blocked; start it again if it was you.
push-not-recorded = The server did not take the answer: the request has expired or was answered elsewhere.
push-failed = The answer could not be sent.
push-muted-warning = Repeated sign-in requests were silenced: someone may know your password. Change it.
push-needs-app = Sign-in requests arrive while inkan is open or when it checks in the background. Push notifications are not set up yet.

## Backup
backup-intro = A backup is a file protected by its own password. Keep it off this phone to move your accounts to a new one.
backup-export-intro = Choose a password for the backup.
backup-export = Create backup
backup-restore = Restore from a backup
backup-restore-password = Backup password

## Settings
lock-after = Lock inkan after
lock-immediately = Immediately
lock-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
lock-now = Lock now

## Errors (stable codes in text/errors.rs)
error-password-too-short = Use at least 8 characters for the password.
error-password-mismatch = The two passwords are different.
error-recovery-not-acknowledged = Confirm that you have written down the recovery code.
error-vault-wrong-password = Wrong password.
error-vault-wrong-recovery-code = Wrong recovery code. Check it against the one you wrote down.
error-vault-in-use = inkan's data is in use by another process. Try again in a moment.
error-vault-damaged = inkan's data is damaged and cannot be opened.
error-vault-storage = inkan's data could not be saved or read on this phone.
error-vault-full = No more accounts can be added.
error-keystore-unavailable = This phone's screen lock could not unlock inkan. Enter your password.
error-link-invalid = This link or QR code is not a sign-in setup code.
error-link-unsafe = This link was refused because it is not safe.
error-link-expired = This setup code has expired. Ask for a new one.
error-link-push = Push sign-in requests are not available on this phone yet.
error-account-invalid = The account details are not valid. Check the setup key.
error-name-invalid = The account name is empty or too long.
error-qr-not-found = No sign-in QR code was found in the image.
error-qr-not-sign-in = This QR code is not a sign-in setup code.
error-image-invalid = The image could not be read.
error-clock-wrong = The phone's clock is wrong. Set the date and time automatically.
error-backup-wrong-password = Wrong backup password.
error-backup-invalid = This file is not an inkan backup, or it is damaged.
error-push-network = The sign-in server could not be reached. Check the connection.
error-push-not-confirmed = Not approved: the confirmation was cancelled. You can approve again or deny.
error-push-expired = This sign-in request has expired.
error-push-answered = This sign-in request has already been answered.
error-push-refused = The sign-in server refused the request.
error-push-number-needed = Enter the number shown on the sign-in screen.
error-push-unavailable = Sign-in requests cannot be answered on this phone right now.
error-internal = Something went wrong inside inkan.
