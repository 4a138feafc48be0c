//! The command line, as clap reads it. Help texts are written for a first-time user.

use clap::{Parser, Subcommand};
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
        inkan code --at 1700000000 'otpauth-migration://offline?data=…'\n  \
        inkan parse screenshot.png\n  \
        inkan qr decode --json photo.jpg"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
    /// Print the current one-time code of each account in a link, one per line.
    Code {
        /// Compute the codes at this time (Unix seconds) instead of now.
        #[arg(long, value_name = "UNIX_SECONDS", allow_hyphen_values = true)]
        at: Option<i64>,
        /// The link (otpauth://…, steam://…, otpauth-migration://offline?data=…) or an image
        /// file with its QR code.
        #[arg(value_name = "URI|IMAGE")]
        input: String,
    },
    /// Read QR codes from image files.
    Qr {
        #[command(subcommand)]
        command: QrCommand,
    },
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
