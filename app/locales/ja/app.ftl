# inkan アプリの文言(日本語)。en/app.ftl と同じキーをすべて持つこと(テストで確認)。
# 引数: $count(数値。複数形と桁区切り)、$account、$code、$host、$name、$seconds。

## タイトル
title-app = inkan
title-create = inkan へようこそ
title-recovery = 回復コード
title-unlock = inkan のロック解除
title-new-password = 新しいパスワードの設定
title-accounts = アカウント
title-scan = QR コードをスキャン
title-manual = セットアップキーを入力
title-confirm = 確認
title-approve = サインイン要求
title-backup = バックアップと復元
title-settings = 設定

## 共通
action-cancel = キャンセル
field-password = パスワード
field-password-again = パスワード(確認用)
password-rule = { $count } 文字以上

## 初回起動
create-intro = inkan のパスワードを決めてください。このスマートフォン上のアカウントを保護します。スマートフォンが inkan を自動でロック解除できないときに必要になります。
create-submit = 作成
recovery-intro = この回復コードを書き留めて、安全な場所に保管してください。パスワードを忘れたときに inkan を開く唯一の方法です。表示されるのは今回だけです。
recovery-checkbox = 回復コードを書き留めました
recovery-continue = 続行

## ロック解除
unlock-intro = パスワードを入力して inkan のロックを解除してください。
unlock-submit = ロック解除
unlock-forgot = パスワードを忘れた場合は回復コードを使用
unlock-keystore = このスマートフォンの画面ロックで解除
unlock-recovery-intro = inkan の設定時に書き留めた回復コードを入力してください。ハイフン、空白、大文字・小文字は区別しません。
unlock-recovery-submit = 続行
unlock-pending-link = サインイン用のリンクが届いています。確認するには inkan のロックを解除してください。
field-recovery-code = 回復コード
new-password-intro = 回復コードで inkan を開きました。新しいパスワードを設定してください。以前のパスワードは使えなくなります。
new-password-submit = パスワードを保存

## アカウント一覧
accounts-count = { $count } 件のアカウント
accounts-search = アカウントを検索
accounts-empty = アカウントはまだありません。「アカウントを追加」をタップし、サインイン画面に表示された QR コードをスキャンしてください。
accounts-no-match = 一致するアカウントはありません。
add-account = アカウントを追加
add-scan = QR コードをスキャン
add-image = 画像から読み取る
add-manual = セットアップキーを入力
code-reveal = コードを表示
code-hides-in = あと { $seconds } 秒で非表示
code-next = 次のコード: { $code }
a11y-row-timed = { $account }、確認コード { $code }、残り { $seconds } 秒
a11y-row-revealed = { $account }、確認コード { $code }
a11y-row-hidden = { $account }、確認コードは非表示です。ダブルタップで表示します。
delete-question = 「{ $account }」を削除しますか?
delete-warning = 削除すると、このアカウントの確認コードは inkan で取得できなくなります。先にサービス側で 2 段階認証を無効にしないと、サインインできなくなるおそれがあります。
delete-confirm = 削除

## お知らせ
notice-copied = コピーしました
notice-deleted = アカウントを削除しました
notice-added = { $count } 件のアカウントを追加しました。
notice-already-there = このアカウントはすでに追加されています。
notice-duplicate-kept = 既存のアカウントと同じ名前でキーが異なるアカウントが { $count } 件あります。両方とも保持しました。
notice-keystore-not-renewed = このスマートフォンの画面ロックを inkan に再設定できませんでした。次回はパスワードの入力が必要です。
notice-backup-ready = { $count } 件のアカウントのバックアップを保存できます。
notice-restored = { $count } 件のアカウントを復元しました。
notice-paired = サインイン要求を受け取れるようになりました。

## 追加
scan-hint = サインイン画面に表示された QR コードにカメラを向けてください。
field-issuer = サービス名(省略可)
field-account = アカウント名
field-secret = セットアップキー
manual-totp = 時間ベース
manual-hotp = カウンターベース
manual-submit = 続行
confirm-question = { $count } 件のアカウントを追加しますか?
confirm-from = 送信元: { $host }
confirm-skipped = 「{ $name }」はインポートできないため、スキップします。
confirm-add = アカウントを追加
confirm-push-question = このアカウントのサインインを inkan で承認しますか?
confirm-push-server = サーバー: { $host }
confirm-pair = ペアリング

## サインイン要求(プッシュ)
notify-title = サインイン要求
# 日本語の複数形カテゴリーは other だけなので、1 件の文は数値 [1] で選ぶ。
notify-body = { $count ->
    [1] { $account } のサインインの承認が求められています。inkan を開いて確認してください。
   *[other] サインイン要求が { $count } 件あります({ $account })。inkan を開いて確認してください。
}
inbox-row = サインイン要求: { $account }
approve-question = サインインしようとしていますか?
approve-sign-in-at = サインイン先: { $host }
approve-type-in = サインイン画面に表示されている番号を入力してください
approve-switch-type-in = 番号を入力する
approve-approve = 承認
approve-deny = 拒否
approve-not-me = 心当たりがない
push-approved = サインインを承認しました。
push-approved-code = サインインを承認しました。サインイン画面に次のコードを入力してください:
push-denied = サインインを拒否しました。
push-reported = サインインを拒否し、報告しました。ご自身で開始したものでなければ、パスワードが第三者に知られている可能性があります。パスワードを変更してください。
push-blocked = サインイン画面の番号と一致しませんでした。サインインはブロックされました。ご自身の操作であれば、もう一度サインインしてください。
push-not-recorded = サーバーが応答を受け付けませんでした。要求の有効期限が切れたか、別の場所で応答済みです。
push-failed = 応答を送信できませんでした。
push-muted-warning = 繰り返し届いたサインイン要求を通知しないようにしました。パスワードが第三者に知られている可能性があります。パスワードを変更してください。
push-needs-app = サインイン要求は、inkan を開いているときか、バックグラウンドでの確認時に届きます。プッシュ通知はまだ設定されていません。

## バックアップ
backup-intro = バックアップは専用のパスワードで保護されたファイルです。このスマートフォン以外の場所に保管すると、新しいスマートフォンにアカウントを移せます。
backup-export-intro = バックアップのパスワードを決めてください。
backup-export = バックアップを作成
backup-restore = バックアップから復元
backup-restore-password = バックアップのパスワード

## 設定
lock-after = inkan をロックするまでの時間
lock-immediately = すぐに
lock-minutes = { $count } 分
lock-now = 今すぐロック

## エラー(固定コードは text/errors.rs)
error-password-too-short = パスワードは 8 文字以上にしてください。
error-password-mismatch = 2 つのパスワードが一致しません。
error-recovery-not-acknowledged = 回復コードを書き留めたことを確認してください。
error-vault-wrong-password = パスワードが違います。
error-vault-wrong-recovery-code = 回復コードが違います。書き留めたコードと照らし合わせてください。
error-vault-in-use = inkan のデータを別の処理が使用中です。しばらくしてからもう一度お試しください。
error-vault-damaged = inkan のデータが破損しているため開けません。
error-vault-storage = このスマートフォンで inkan のデータを保存または読み込みできませんでした。
error-vault-full = これ以上アカウントを追加できません。
error-keystore-unavailable = このスマートフォンの画面ロックで inkan を解除できませんでした。パスワードを入力してください。
error-link-invalid = このリンクまたは QR コードは、サインイン用のセットアップコードではありません。
error-link-unsafe = 安全でないため、このリンクは開けません。
error-link-expired = このセットアップコードは有効期限が切れています。新しいコードを発行してもらってください。
error-link-push = このスマートフォンでは、まだプッシュによるサインイン要求を利用できません。
error-account-invalid = アカウントの情報が正しくありません。セットアップキーを確認してください。
error-name-invalid = アカウント名が空か、長すぎます。
error-qr-not-found = 画像にサインイン用の QR コードが見つかりませんでした。
error-qr-not-sign-in = この QR コードは、サインイン用のセットアップコードではありません。
error-image-invalid = 画像を読み込めませんでした。
error-clock-wrong = スマートフォンの時刻が正しくありません。日付と時刻を自動設定にしてください。
error-backup-wrong-password = バックアップのパスワードが違います。
error-backup-invalid = このファイルは inkan のバックアップではないか、破損しています。
error-push-network = サインイン用のサーバーに接続できませんでした。接続を確認してください。
error-push-not-confirmed = 承認されていません。確認がキャンセルされました。もう一度承認するか、拒否してください。
error-push-expired = このサインイン要求は有効期限が切れています。
error-push-answered = このサインイン要求にはすでに応答済みです。
error-push-refused = サインイン用のサーバーが要求を拒否しました。
error-push-number-needed = サインイン画面に表示されている番号を入力してください。
error-push-unavailable = 現在、このスマートフォンではサインイン要求に応答できません。
error-internal = inkan の内部でエラーが発生しました。
