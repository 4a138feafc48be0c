//! One file per command group; `run` dispatches.

mod code;
mod input;
mod parse;
mod qr;

use crate::args::{Cli, Command, QrCommand};
use crate::error::CliError;

pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Parse {
            json,
            show_secret,
            input,
        } => parse::run(&input, json, show_secret),
        Command::Code { at, input } => code::run(&input, at),
        Command::Qr {
            command: QrCommand::Decode { json, jobs, files },
        } => qr::decode(&files, json, jobs),
    }
}

/// Reports skipped migration items on stderr, one line each (index, name, reason).
fn report_skipped(skipped: &[inkan_core::migration::SkippedItem]) {
    for item in skipped {
        eprintln!(
            "inkan: skipped item {} ({}): {} [{}]",
            item.index,
            if item.name.is_empty() {
                "unnamed"
            } else {
                &item.name
            },
            item.reason,
            item.reason.class()
        );
    }
}
