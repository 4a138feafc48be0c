//! The command line, as clap reads it. Help texts are written for a first-time user.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "inkan",
    version,
    about = "inkan — a two-factor authenticator for the desktop",
    long_about = "inkan — a two-factor authenticator for the desktop.\n\n\
        Add an account from the QR code or otpauth:// link a website gives you when you turn on\n\
        two-factor authentication, then read the 6-digit codes it asks for at sign-in.\n\
        Accounts are kept in an encrypted vault (created on first `inkan add`).",
    after_help = "Examples:\n  \
        inkan add 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'\n  \
        inkan codes                      live codes, Ctrl-C to quit\n  \
        inkan code github                one code, by name\n  \
        inkan demo                       a sample vault with live codes for 5 seconds\n  \
        inkan parse 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'\n  \
        inkan code --at 1700000000 'otpauth-migration://offline?data=…'\n  \
        inkan parse screenshot.png       what the QR code in an image holds\n  \
        inkan qr decode --json photo.jpg\n\n\
        Scripts: --password-stdin reads the vault password from line 1 of standard input and,\n\
        for commands that need a second one (export, import, vault passwd), line 2."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct Global {
    /// Vault file to use instead of the default in the user data directory.
    #[arg(long, global = true, value_name = "PATH")]
    pub vault: Option<PathBuf>,
    /// Read the vault password from standard input (line 1; line 2 for a second password).
    #[arg(long, global = true)]
    pub password_stdin: bool,
    /// If the vault file is damaged, restore the previous generation and continue.
    #[arg(long, global = true)]
    pub recover_previous: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Show what an otpauth://, steam:// or otpauth-migration:// link contains.
    ///
    /// The argument may also be an image file (PNG, JPEG, WebP, GIF, BMP) showing the QR code.
    /// Secrets are printed only with --json (for scripts) or --show-secret.
    Parse {
        /// Print a JSON array of accounts instead of a table.
        #[arg(long)]
        json: bool,
        /// Show the secret in the table output.
        #[arg(long)]
        show_secret: bool,
        /// The link (otpauth://…, steam://…, otpauth-migration://offline?data=…) or an image
        /// file with its QR code.
        #[arg(value_name = "URI|IMAGE")]
        input: String,
    },
    /// Print a one-time code: of each account in a link, or of a vault account by name.
    ///
    /// An argument containing "://" is a link (nothing is stored), an existing file is an
    /// image whose QR code is read (nothing is stored); anything else names an account in the
    /// vault (id, issuer, account, or part of them). For HOTP accounts the
    /// counter is saved before the code is printed.
    Code {
        /// Compute the codes at this time (Unix seconds) instead of now.
        #[arg(long, value_name = "UNIX_SECONDS", allow_hyphen_values = true)]
        at: Option<i64>,
        /// A link (otpauth://…, steam://…, otpauth-migration://…), an image file with its QR
        /// code, or a vault account name/id.
        #[arg(value_name = "URI|IMAGE|NAME")]
        input: String,
    },
    /// This computer's clock offset: measure it from an HTTPS server's Date header (--from),
    /// or show the last one (push polls measure it too). Codes use an offset within
    /// --max-offset, or a larger one confirmed with --apply.
    Time {
        /// Print {"offset_s","source","measured_at","applied"}.
        #[arg(long)]
        json: bool,
        /// An https:// URL whose Date header is the reference.
        #[arg(long, value_name = "URL")]
        from: Option<String>,
        /// Also trust this CA certificate (PEM) for that server.
        #[arg(long, value_name = "PEM", requires = "from")]
        ca_file: Option<PathBuf>,
        /// Largest offset (seconds) used for codes without --apply.
        #[arg(long, value_name = "SECONDS", default_value_t = inkan_core::clock_offset::DEFAULT_BOUND_S)]
        max_offset: i64,
        /// Use the measured offset for codes even beyond --max-offset.
        #[arg(long, requires = "from")]
        apply: bool,
    },
    /// Resynchronise an HOTP account whose counter fell behind: enter two consecutive codes
    /// the token shows; the counter is searched up to 100 ahead and saved when found.
    Resync {
        /// Print {"counter": N} (the counter of the next code).
        #[arg(long)]
        json: bool,
        /// The vault account (id, issuer, account, or part of them).
        name: String,
        /// A code the token shows now.
        first: String,
        /// The token's next code.
        second: String,
    },
    /// Add the accounts of a link (or QR image) to the vault; never overwrites.
    Add {
        /// Print `[{"id","issuer","account","status"}]` (status: added, duplicate-kept, existing).
        #[arg(long)]
        json: bool,
        /// The otpauth://, steam:// or otpauth-migration:// link, or an image of its QR code.
        #[arg(value_name = "URI|IMAGE")]
        input: String,
    },
    /// List the vault's accounts (no secrets unless --show-secret).
    List {
        /// Print `[{"id","kind","issuer","account"}]`.
        #[arg(long)]
        json: bool,
        /// Add a column with each secret (base32).
        #[arg(long)]
        show_secret: bool,
        /// Only accounts whose issuer, name or note contains this text.
        #[arg(value_name = "SEARCH")]
        query: Option<String>,
    },
    /// Show the codes of all accounts, live, with a countdown bar (Ctrl-C to quit).
    Codes {
        /// Print `[{"id","issuer","account","code"}]` once and exit (HOTP codes are null).
        #[arg(long)]
        json: bool,
        /// Compute the codes at this time (Unix seconds) and exit.
        #[arg(long, value_name = "UNIX_SECONDS", allow_hyphen_values = true)]
        at: Option<i64>,
        /// Stop the live view after this long (e.g. 3s, 500ms, 2m).
        #[arg(long = "for", value_name = "DURATION")]
        duration: Option<String>,
        /// Only accounts matching this text.
        #[arg(value_name = "SEARCH")]
        query: Option<String>,
    },
    /// Remove an account (asks for confirmation).
    Remove {
        /// Do not ask.
        #[arg(long, short = 'y')]
        yes: bool,
        /// Account id or name.
        #[arg(value_name = "NAME")]
        name: String,
    },
    /// Change an account's issuer and/or account name.
    Rename {
        /// Account id or name.
        #[arg(value_name = "NAME")]
        name: String,
        /// New issuer ("" to clear).
        #[arg(long)]
        issuer: Option<String>,
        /// New account name.
        #[arg(long)]
        account: Option<String>,
    },
    /// Move an account to another position in the list (1 = first).
    Move {
        /// Account id or name.
        #[arg(value_name = "NAME")]
        name: String,
        /// New position, starting at 1.
        #[arg(value_name = "POSITION")]
        position: usize,
    },
    /// Export the vault: an encrypted backup (default), a plain otpauth list, or Google
    /// Authenticator migration QR codes (PNG files).
    Export {
        /// What to write.
        #[arg(long, value_enum, default_value_t = ExportFormat::Backup)]
        format: ExportFormat,
        /// Output file (backup, plain; "-" for stdout with plain) or directory (google-qr).
        #[arg(long, short = 'o', value_name = "PATH")]
        output: PathBuf,
        /// Confirm an unencrypted export (plain, google-qr) without asking.
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Import accounts from an inkan backup, an Aegis export (plain or encrypted) or a text
    /// file of otpauth links. Everything is checked first; nothing is added if anything fails.
    Import {
        /// The file's format (detected from the content when not given), e.g. `aegis`,
        /// `2fas`, `andotp-encrypted-old`.
        #[arg(long, value_name = "NAME")]
        format: Option<String>,
        /// Import the valid accounts even if some items have problems.
        #[arg(long)]
        partial: bool,
        /// Print the plan and the outcome as JSON (`added`, `duplicate`, `skipped`).
        #[arg(long)]
        json: bool,
        /// The file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Vault housekeeping: status, password, recovery, OS keystore.
    Vault {
        #[command(subcommand)]
        action: VaultAction,
    },
    /// Create a sample vault from the bundled accounts (first run) and show live codes.
    Demo {
        /// How long to show the codes.
        #[arg(long = "for", value_name = "DURATION", default_value = "5s")]
        duration: String,
    },
    /// Push sign-in approval (privacyIDEA push tokens, number matching).
    Push {
        #[command(subcommand)]
        command: PushCommand,
    },
    /// Read QR codes from image files.
    Qr {
        #[command(subcommand)]
        command: QrCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum VaultAction {
    /// Where the vault is, its slots and KDF parameters, and its previous generation.
    Status,
    /// Change the vault password (stdin line 2 or prompt for the new one).
    Passwd,
    /// Open the vault with the recovery code (stdin line 1) and set a new password (line 2).
    Recover,
    /// Let the OS keystore (Secret Service, keyutils, Keychain) open the vault.
    KeystoreEnable,
    /// Stop the OS keystore from opening the vault and delete its key there.
    KeystoreDisable,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Encrypted inkan backup (password from stdin line 2 or prompt).
    Backup,
    /// Unencrypted otpauth:// links, one per line.
    Plain,
    /// Google Authenticator migration QR codes as PNG files.
    GoogleQr,
}

#[derive(Subcommand, Debug)]
pub enum PushCommand {
    /// Pair a push token from an enrollment QR link (otpauth://pipush/…, pia://… or an https
    /// pairing link). Shows what will be paired and asks first, unless --yes.
    Pair {
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
        /// Also trust this CA certificate (PEM) for this server, e.g. a private deployment.
        #[arg(long, value_name = "PEM")]
        ca_file: Option<PathBuf>,
        /// Pair without asking for confirmation.
        #[arg(long)]
        yes: bool,
        /// The enrollment link.
        #[arg(value_name = "URI_OR_LINK")]
        link: String,
    },
    /// List open sign-in requests (only verified, unexpired, unanswered ones).
    Poll {
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Answer a sign-in request: the number shown on the sign-in screen, approve, or deny.
    #[command(group = clap::ArgGroup::new("decision").required(true))]
    Answer {
        /// Print {"accepted": true|false}, plus "display_code" when the server sent a code to
        /// type at the sign-in screen (push_code_to_phone).
        #[arg(long)]
        json: bool,
        /// The request's nonce, from `inkan push poll`.
        nonce: String,
        /// The number shown on the sign-in screen.
        #[arg(long, value_name = "N", group = "decision")]
        number: Option<String>,
        /// Approve a request that has no number to match.
        #[arg(long, group = "decision")]
        approve: bool,
        /// Deny the request.
        #[arg(long, group = "decision")]
        deny: bool,
        /// Why you deny: not-me ("this wasn't me") or cancelled.
        #[arg(long, value_enum, requires = "deny")]
        reason: Option<DenyReason>,
    },
    /// Recent sign-in requests and what came of each, newest first (from the vault; no
    /// network: `inkan push poll` checks the servers now).
    History {
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Wait for sign-in requests, show them and ask for the number (Ctrl-C to stop).
    Watch {
        /// Seconds between polls.
        #[arg(long, default_value_t = 3)]
        interval: u64,
        /// Choose-one number matching: list the offered numbers and pick one. Without it the
        /// number is typed from the sign-in screen (type-in, the numbers are not shown).
        #[arg(long)]
        choose: bool,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum DenyReason {
    /// This wasn't me: someone else started the sign-in.
    NotMe,
    /// I changed my mind.
    Cancelled,
}

#[derive(Subcommand, Debug)]
pub enum QrCommand {
    /// Print the text of every QR code in each image (PNG, JPEG, WebP, GIF, BMP).
    ///
    /// A file that cannot be read is reported and the others are still decoded; the exit
    /// status is 0 when every file was processed, found codes or not.
    Decode {
        /// One JSON object per file and line: {"file": …, "texts": […]} (plus "error").
        #[arg(long)]
        json: bool,
        /// Files decoded at once (default: the number of CPU cores). Output order is kept.
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
        /// Image files.
        #[arg(value_name = "IMAGE", required = true)]
        files: Vec<PathBuf>,
    },
}
