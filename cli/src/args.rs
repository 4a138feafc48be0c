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
        two-factor authentication, then read the 6-digit codes it asks for at sign-in.",
    after_help = "Examples:\n  \
        inkan parse 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'\n  \
        inkan code 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'\n  \
        inkan code --at 1700000000 'otpauth-migration://offline?data=…'"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Show what an otpauth://, steam:// or otpauth-migration:// link contains.
    ///
    /// Secrets are printed only with --json (for scripts) or --show-secret.
    Parse {
        /// Print a JSON array of accounts instead of a table.
        #[arg(long)]
        json: bool,
        /// Show the secret in the table output.
        #[arg(long)]
        show_secret: bool,
        /// The link: otpauth://…, steam://… or otpauth-migration://offline?data=…
        #[arg(value_name = "URI")]
        input: String,
    },
    /// Print the current one-time code of each account in a link, one per line.
    Code {
        /// Compute the codes at this time (Unix seconds) instead of now.
        #[arg(long, value_name = "UNIX_SECONDS", allow_hyphen_values = true)]
        at: Option<i64>,
        /// The link: otpauth://…, steam://… or otpauth-migration://offline?data=…
        #[arg(value_name = "URI")]
        input: String,
    },
    /// Push sign-in approval (privacyIDEA push tokens, number matching).
    Push {
        #[command(subcommand)]
        command: PushCommand,
    },
}

/// Where push tokens are kept.
#[derive(Args, Debug, Clone)]
pub struct VaultArg {
    /// The vault file. Until the encrypted vault lands, push tokens are kept in
    /// PATH.push.json (mode 0600). Default: $INKAN_VAULT, else ~/.local/share/inkan/vault.inkan.
    #[arg(long, value_name = "PATH", env = "INKAN_VAULT")]
    pub vault: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum PushCommand {
    /// Pair a push token from an enrollment QR link (otpauth://pipush/…, pia://… or an https
    /// pairing link). Shows what will be paired and asks first, unless --yes.
    Pair {
        #[command(flatten)]
        vault: VaultArg,
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
        #[command(flatten)]
        vault: VaultArg,
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Answer a sign-in request: the number shown on the sign-in screen, approve, or deny.
    #[command(group = clap::ArgGroup::new("decision").required(true))]
    Answer {
        #[command(flatten)]
        vault: VaultArg,
        /// Print {"accepted": true|false}.
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
    /// Wait for sign-in requests, show them and ask for the number (Ctrl-C to stop).
    Watch {
        #[command(flatten)]
        vault: VaultArg,
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
