//! One file per command group; `run` dispatches.

mod add;
mod code;
mod codes;
mod demo;
mod edit;
mod export;
mod import;
mod input;
mod list;
mod parse;
mod push;
mod push_history;
mod push_watch;
mod qr;
mod remove;
mod resync;
mod time;
mod vault;

use crate::args::{Cli, Command, QrCommand};
use crate::error::CliError;
use crate::session::VaultOpts;

pub fn run(cli: Cli) -> Result<(), CliError> {
    let opts = VaultOpts {
        vault: cli.global.vault.clone(),
        password_stdin: cli.global.password_stdin,
        recover_previous: cli.global.recover_previous,
    };
    match cli.command {
        Command::Parse {
            json,
            show_secret,
            input,
        } => parse::run(&input, json, show_secret),
        Command::Code { at, input } => code::run(&opts, &input, at),
        Command::Add { json, input } => add::run(&opts, &input, json),
        Command::List {
            json,
            show_secret,
            query,
        } => list::run(&opts, query.as_deref(), json, show_secret),
        Command::Codes {
            json,
            at,
            duration,
            query,
        } => codes::run(&opts, json, at, duration.as_deref(), query.as_deref()),
        Command::Remove { yes, name } => remove::run(&opts, &name, yes),
        Command::Time {
            json,
            from,
            ca_file,
            max_offset,
            apply,
        } => time::run(&opts, json, from.as_deref(), ca_file, max_offset, apply),
        Command::Resync {
            json,
            name,
            first,
            second,
        } => resync::run(&opts, &name, &first, &second, json),
        Command::Rename {
            name,
            issuer,
            account,
        } => edit::rename(&opts, &name, issuer, account),
        Command::Move { name, position } => edit::move_to(&opts, &name, position),
        Command::Export {
            format,
            output,
            yes,
        } => export::run(&opts, format, &output, yes),
        Command::Import {
            format,
            partial,
            json,
            file,
        } => import::run(&opts, &file, format.as_deref(), partial, json),
        Command::Vault { action } => vault::run(&opts, &action),
        Command::Demo { duration } => demo::run(&opts, &duration),
        Command::Push { command } => push::run(command, &opts),
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
