//! One file per command group; `run` dispatches.

mod code;
mod parse;
mod push;
mod push_watch;

use crate::args::{Cli, Command};
use crate::error::CliError;

pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Parse {
            json,
            show_secret,
            input,
        } => parse::run(&input, json, show_secret),
        Command::Code { at, input } => code::run(&input, at),
        Command::Push { command } => push::run(command),
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
